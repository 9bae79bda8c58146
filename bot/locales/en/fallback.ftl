# Topics with nothing in the learner's material language: asked once, remembered.
gap-ask =
    This topic has nothing in { $wanted }; it has material in { $offered }.
    Where a topic has nothing in { $wanted }, shall I show its other material? I'll remember your answer for every such topic (/language changes it).
button-leave-out-other = ⏭ Leave out such topics
resource-other-language = 🌐 <i>This topic has nothing in { $wanted }, so its { $language } material is shown (/language changes that).</i>
button-other-language-on = 🔁 Topics with nothing in my language: other material shown ✓
button-other-language-off = 🔁 Topics with nothing in my language: left out
button-other-language-ask = 🔁 Topics with nothing in my language: ask me
