"""Small pieces every wing of the window uses."""
