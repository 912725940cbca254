<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ChatController</name>
    <message numerus="yes">
        <location filename="../../app/ui/chat/chat_controller.py" line="+382"/>
        <source>The oldest %n message(s) no longer fit in the context ({size} tokens) and were left out of this answer.</source>
        <translation>
            <numerusform>The oldest message no longer fits in the context ({size} tokens) and was left out of this answer.</numerusform>
            <numerusform>The oldest %n messages no longer fit in the context ({size} tokens) and were left out of this answer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DictationController</name>
    <message numerus="yes">
        <location filename="../../app/ui/speech/dictation_controller.py" line="+358"/>
        <source>cancelled after %n chunk(s)</source>
        <translation>
            <numerusform>cancelled after %n chunk</numerusform>
            <numerusform>cancelled after %n chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>done, %n chunk(s), {silent} silent skipped</source>
        <translation>
            <numerusform>done, %n chunk, {silent} silent skipped</numerusform>
            <numerusform>done, %n chunks, {silent} silent skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>done, %n chunk(s)</source>
        <translation>
            <numerusform>done, %n chunk</numerusform>
            <numerusform>done, %n chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>chunk {number} of %n</source>
        <translation>
            <numerusform>chunk {number} of %n</numerusform>
            <numerusform>chunk {number} of %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LocalServer</name>
    <message numerus="yes">
        <location filename="../../app/ui/server/local_server.py" line="+173"/>
        <source> · %n request(s) running</source>
        <translation>
            <numerusform> · %n request running</numerusform>
            <numerusform> · %n requests running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message numerus="yes">
        <location filename="../../app/ui/chat/message_actions.py" line="+83"/>
        <source>Resending answers this message again and deletes the %n message(s) after it. Go on?</source>
        <translation>
            <numerusform>Resending answers this message again and deletes the message after it. Go on?</numerusform>
            <numerusform>Resending answers this message again and deletes the %n messages after it. Go on?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/model_manager/model_manager_dialog.py" line="+262"/>
        <source> ({number} of %n)</source>
        <translation>
            <numerusform> ({number} of %n)</numerusform>
            <numerusform> ({number} of %n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message numerus="yes">
        <location filename="../../app/ui/settings/model_picker.py" line="+191"/>
        <source>{name}: {architecture}, %n layer(s), {quantization} (weights mostly {weights}), can do {capabilities}.</source>
        <translation>
            <numerusform>{name}: {architecture}, %n layer, {quantization} (weights mostly {weights}), can do {capabilities}.</numerusform>
            <numerusform>{name}: {architecture}, %n layers, {quantization} (weights mostly {weights}), can do {capabilities}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{name}: {architecture}, %n layer(s), {quantization}, can do {capabilities}.</source>
        <translation>
            <numerusform>{name}: {architecture}, %n layer, {quantization}, can do {capabilities}.</numerusform>
            <numerusform>{name}: {architecture}, %n layers, {quantization}, can do {capabilities}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerChoice</name>
    <message numerus="yes">
        <location filename="../../app/ui/settings/server_choice.py" line="+156"/>
        <source>{url} offers %n model(s).</source>
        <translation>
            <numerusform>{url} offers %n model.</numerusform>
            <numerusform>{url} offers %n models.</numerusform>
        </translation>
    </message>
</context>
</TS>
