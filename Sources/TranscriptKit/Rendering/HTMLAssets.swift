/// The fixed parts of the HTML page: its style sheet, its script, the speaker colours and the
/// Content-Security-Policy that allows exactly this style and this script and nothing else.
///
/// Neither the style nor the script contains any transcript text, so their hashes are the same
/// for every page; the policy is still computed from the exact text written, so an edit here can
/// never leave a stale hash behind.
enum HTMLAssets {
    /// Speaker colours on the light background, one per speaker in order of appearance (repeating
    /// after eight), each with a contrast of at least 4.5:1 on every light background below.
    static let lightPalette = ["#1f5fbf", "#a34a00", "#1b7a3d", "#a4267a", "#6446c0", "#00737a", "#7d6500", "#c0272d"]
    /// The same colours for `prefers-color-scheme: dark`, at least 4.5:1 on every dark background.
    static let darkPalette = ["#86b3ff", "#ffaa66", "#6fd08f", "#f58cc9", "#b9a4ff", "#5fd3da", "#e3c65a", "#ff8f8f"]
    /// Page, question-turn and card backgrounds, light then dark.
    static let lightBackgrounds = ["#fdfcfa", "#eef3fb", "#f3f4f6"]
    static let darkBackgrounds = ["#16181d", "#1c2533", "#1f232a"]
    /// The colour of a speaker the transcript does not list, and of muted text.
    static let lightMuted = "#5a5f69"
    static let darkMuted = "#a3a9b4"

    /// The CSS class for the speaker at `position` in `Transcript.speakers`.
    static func speakerClass(_ position: Int?) -> String {
        guard let position, position >= 0 else { return "sx" }
        return "s\(position % lightPalette.count)"
    }

    static let style: String = {
        var colours = ""
        for (i, colour) in lightPalette.enumerated() { colours += "--c\(i):\(colour);" }
        var darkColours = ""
        for (i, colour) in darkPalette.enumerated() { darkColours += "--c\(i):\(colour);" }
        var speakerRules = ""
        for i in lightPalette.indices { speakerRules += ".s\(i){--sc:var(--c\(i))}\n" }
        return """

            :root{color-scheme:light dark;--bg:\(lightBackgrounds[0]);--ask:\(lightBackgrounds[1]);--panel:\(lightBackgrounds[2]);--fg:#1d1f23;--muted:\(lightMuted);--line:#d5d9e0;--link:#1a56b0;--focus:#0b57d0;--narr:#9aa0aa;\(colours)--cx:\(lightMuted)}
            @media (prefers-color-scheme:dark){:root{--bg:\(darkBackgrounds[0]);--ask:\(darkBackgrounds[1]);--panel:\(darkBackgrounds[2]);--fg:#e6e8eb;--muted:\(darkMuted);--line:#3a404b;--link:#8ab4ff;--focus:#a8c7fa;--narr:#5b616c;\(darkColours)--cx:\(darkMuted)}}
            \(speakerRules).sx{--sc:var(--cx)}
            *,*::before,*::after{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.75 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;overflow-wrap:break-word}
            html:lang(zh-Hant) body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","PingFang TC","Microsoft JhengHei","Noto Sans CJK TC","WenQuanYi Micro Hei",sans-serif}
            a{color:var(--link);text-underline-offset:.15em}
            :focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
            .skip{position:absolute;left:1rem;top:-4rem;padding:.5rem 1rem;background:var(--bg);border:2px solid var(--focus);z-index:2}
            .skip:focus{top:1rem}
            .page{max-width:48rem;margin:0 auto;padding:2rem 1.25rem 4rem}
            header{border-bottom:1px solid var(--line);padding-bottom:1.25rem;margin-bottom:1.5rem}
            h1{font-size:1.9rem;line-height:1.3;margin:0 0 .75rem;letter-spacing:-.01em}
            h2{font-size:1.35rem;line-height:1.35;margin:2.5rem 0 1rem}
            h3{font-size:1.1rem;line-height:1.4;margin:2rem 0 .75rem}
            .meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem 1rem;margin:0 0 .75rem;font-size:.9rem}
            .meta dt{color:var(--muted)}
            .meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
            .facts{margin:0;color:var(--muted);font-size:.9rem}
            .facts a{margin-left:.25rem}
            nav.toc{font-size:.92rem}
            nav.toc h2{margin-top:0}
            nav.toc ol{margin:0;padding-left:2.2rem}
            nav.toc li{margin:.2rem 0;padding-left:.2rem}
            nav.toc li::marker{color:var(--muted);font-variant-numeric:tabular-nums}
            nav.toc a{text-decoration:none;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
            nav.toc a:hover{text-decoration:underline}
            @media (min-width:68rem){.page{max-width:78rem;display:grid;grid-template-columns:18rem minmax(0,48rem);column-gap:3.5rem;justify-content:center}header{grid-column:1/-1}footer{grid-column:2}nav.toc{grid-column:1;grid-row:2;position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:1rem 0}main{grid-column:2;grid-row:2}main>section:first-child h2{margin-top:1rem}}
            figure{margin:1.25rem 0}
            figcaption{font-size:.85rem;color:var(--muted)}
            .chart{display:block;width:100%;height:auto;margin:.25rem 0}
            .chart text{fill:var(--fg);font-size:13px}
            .chart .value,.chart .axis{fill:var(--muted);font-size:12px}
            .chart .bar,.chart .seg{fill:var(--sc)}
            .chart .narr{fill:var(--narr)}
            .chart .ex{fill:var(--muted);opacity:.45}
            .chart .ex.odd{opacity:.9}
            .chart a:hover .ex,.chart a:focus .ex{fill:var(--link)}
            .chart .num{font-size:11px;fill:var(--muted);text-anchor:middle}
            .turn{margin:1.1rem 0;padding:.15rem 0 .15rem 1rem;border-left:4px solid var(--sc);scroll-margin-top:1rem}
            .turn.ask{background:var(--ask);padding:.55rem 1rem;border-radius:0 .5rem .5rem 0}
            .turn p,.line p{margin:.35rem 0}
            .who{display:flex;flex-wrap:wrap;align-items:baseline;gap:.15rem .6rem;font-size:.9rem}
            .turn .who,.line .who{margin:0}
            .name{font-weight:700;color:var(--sc)}
            .role{font-size:.72rem;line-height:1.6;padding:0 .5rem;border:1px solid var(--sc);border-radius:999px;color:var(--sc)}
            time{color:var(--muted);font-variant-numeric:tabular-nums;font-size:.85rem}
            .permalink{margin-left:auto;color:var(--muted);font-size:.8rem;text-decoration:none;font-variant-numeric:tabular-nums}
            .permalink:hover{text-decoration:underline}
            .anchor{display:block;scroll-margin-top:1rem}
            .narrative{margin:.9rem 0}
            .unrecognized{margin:.9rem 0;color:var(--muted)}
            .event{margin:1rem 0;text-align:center;color:var(--muted);font-size:.9rem}
            .quote{margin:1.25rem 0;padding:.2rem 0 .2rem 1rem;border-left:4px double var(--sc)}
            .quote blockquote{margin:0}
            .quote blockquote p{margin:0}
            .quote figcaption{margin-top:.2rem}
            .quote figcaption .name{font-weight:600}
            .study-intro{color:var(--muted);font-size:.95rem}
            .deck{display:grid;gap:1rem;margin:1rem 0;border-radius:.75rem}
            .card{background:var(--panel);border:1px solid var(--line);border-radius:.75rem;padding:1rem 1.25rem}
            .card h3{margin:0 0 .5rem;font-size:.9rem;color:var(--muted);font-weight:600}
            .line{border-left:3px solid var(--sc);padding-left:.75rem;margin:.5rem 0}
            .qa-label{margin:1rem 0 .25rem;font-size:.8rem;font-weight:700;letter-spacing:.04em;color:var(--muted)}
            .card-link{margin:.75rem 0 0;font-size:.85rem}
            .interactive .card{min-height:16rem;padding:1.5rem 1.75rem}
            .interactive .question{font-size:1.1rem}
            .controls{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:1rem 0 .5rem}
            button{font:inherit;font-size:.95rem;line-height:1.4;padding:.45rem 1rem;border-radius:.5rem;border:1px solid var(--line);background:var(--bg);color:var(--fg);cursor:pointer}
            button:hover{border-color:var(--muted)}
            button.primary{background:var(--link);border-color:var(--link);color:var(--bg);font-weight:600}
            button[aria-pressed=true]{border-color:var(--fg)}
            .progress{margin:0 0 0 auto;font-weight:700;font-variant-numeric:tabular-nums}
            .hint{font-size:.85rem;color:var(--muted);margin:.25rem 0}
            footer{border-top:1px solid var(--line);margin-top:3rem;padding-top:1rem;font-size:.85rem;color:var(--muted)}
            [hidden]{display:none!important}
            @media print{
            :root{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff;--ask:#fff;--line:#999;--link:#000}
            body{font-size:11pt;line-height:1.5}
            .page{display:block;max-width:none;padding:0}
            .skip,nav.toc,#overview,.controls,.hint,.card-link,.permalink,.facts a,.study-intro{display:none!important}
            .has-cards #transcript{display:none}
            #study h2{margin-top:0}
            .card,.card[hidden],.interactive .card{display:block!important;break-inside:avoid;border:0;border-bottom:1px solid var(--line);border-radius:0;padding:.6rem 0;min-height:0}
            .question,.interactive .question{font-size:1em;font-weight:600}
            .answer[hidden]{display:block!important}
            .turn{break-inside:avoid}
            a{color:inherit;text-decoration:none}
            }

            """
    }()

    /// The study mode: turns the list of cards into one card at a time, with reveal, previous,
    /// next, shuffle and keys. Reads everything it needs from the page (the cards, the button
    /// labels in `data-` attributes) and writes only fixed text and numbers (`textContent`).
    static let script = """

        (function () {
          "use strict";
          var study = document.getElementById("study");
          var deck = document.getElementById("deck");
          var controls = document.getElementById("study-controls");
          if (!study || !deck || !controls) { return; }
          var cards = Array.prototype.slice.call(deck.querySelectorAll(".card"));
          if (cards.length === 0) { return; }
          var progress = document.getElementById("progress");
          var reveal = document.getElementById("reveal");
          var previous = document.getElementById("previous");
          var next = document.getElementById("next");
          var shuffle = document.getElementById("shuffle");
          var order = cards.map(function (card, index) { return index; });
          var position = 0;
          var shuffled = false;

          function current() { return cards[order[position]]; }
          function answerOf(card) { return card.querySelector(".answer"); }

          function setRevealed(shown) {
            var answer = answerOf(current());
            if (answer) { answer.hidden = !shown; }
            reveal.textContent = reveal.getAttribute(shown ? "data-hide" : "data-show");
            reveal.setAttribute("aria-expanded", shown ? "true" : "false");
            if (answer && answer.id) { reveal.setAttribute("aria-controls", answer.id); }
          }

          function show(newPosition) {
            var count = order.length;
            position = ((newPosition % count) + count) % count;
            cards.forEach(function (card) {
              card.hidden = true;
              var answer = answerOf(card);
              if (answer) { answer.hidden = true; }
            });
            current().hidden = false;
            setRevealed(false);
            progress.textContent = (position + 1) + " / " + count;
          }

          function toggle() {
            var answer = answerOf(current());
            setRevealed(Boolean(answer && answer.hidden));
          }

          function setShuffled(on) {
            var at = order[position];
            if (on) {
              for (var i = order.length - 1; i > 0; i--) {
                var j = Math.floor(Math.random() * (i + 1));
                var swap = order[i]; order[i] = order[j]; order[j] = swap;
              }
            } else {
              order.sort(function (a, b) { return a - b; });
            }
            shuffled = on;
            shuffle.textContent = shuffle.getAttribute(on ? "data-on" : "data-off");
            shuffle.setAttribute("aria-pressed", on ? "true" : "false");
            show(on ? 0 : order.indexOf(at));
          }

          function openFromHash() {
            var match = /^#c([0-9]+)$/.exec(window.location.hash);
            if (!match) { return; }
            var index = parseInt(match[1], 10) - 1;
            if (index < 0 || index >= cards.length) { return; }
            show(order.indexOf(index));
            deck.focus();
          }

          study.classList.add("interactive");
          controls.hidden = false;
          var hint = document.getElementById("study-hint");
          if (hint) { hint.hidden = false; }
          deck.setAttribute("tabindex", "0");
          deck.setAttribute("role", "group");
          deck.setAttribute("aria-label", deck.getAttribute("data-label") || "");
          reveal.addEventListener("click", toggle);
          previous.addEventListener("click", function () { show(position - 1); });
          next.addEventListener("click", function () { show(position + 1); });
          shuffle.addEventListener("click", function () { setShuffled(!shuffled); });
          study.addEventListener("keydown", function (event) {
            if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
            var target = event.target;
            var onControl = target && target.closest && target.closest("button, a, input, select, textarea");
            if (event.key === " " || event.key === "Spacebar" || event.key === "Enter") {
              if (onControl) { return; }
              event.preventDefault();
              toggle();
            } else if (event.key === "ArrowRight") {
              event.preventDefault();
              show(position + 1);
            } else if (event.key === "ArrowLeft") {
              event.preventDefault();
              show(position - 1);
            } else if (event.key === "s" || event.key === "S") {
              event.preventDefault();
              setShuffled(!shuffled);
            }
          });
          window.addEventListener("hashchange", openFromHash);
          show(0);
          openFromHash();
        })();

        """

    /// `'sha256-…'` for a CSP source list: the base64 SHA-256 of the text's UTF-8 bytes.
    static func hashSource(_ text: String) -> String {
        "'sha256-" + Base64.encode(StableHash.sha256(Array(text.utf8))) + "'"
    }

    /// The policy: nothing may load or run but this exact style sheet and script. Inline SVG
    /// presentation attributes are not styles in CSP's sense, so the charts need no exception.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src \(hashSource(style)); script-src \(hashSource(script)); "
        + "img-src 'none'; base-uri 'none'; form-action 'none'"
}
