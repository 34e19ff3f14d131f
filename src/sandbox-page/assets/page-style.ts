/** The page's one style sheet: roles are told by text labels and borders, never by colour alone. */
export const PAGE_STYLE = String.raw`:root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #fafafa; line-height: 1.4; }
body { margin: 0; }
header { padding: 0.5rem 1rem; border-bottom: 2px solid #333; }
header h1 { margin: 0; font-size: 1.3rem; }
header p { margin: 0.2rem 0; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; padding: 0.3rem; }
main { padding: 1rem; }
aside { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 0.75rem; margin-top: 1rem; align-items: start; }
#log-section { grid-column: 1 / -1; }
#platforms { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; align-items: start; }
.platform { background: #fff; border: 1px solid #888; border-radius: 4px; padding: 0.5rem; max-height: 30rem; overflow-y: auto; }
.platform h2 { margin: 0 0 0.3rem; font-size: 1.1rem; }
.platform h3 { margin: 0.6rem 0 0.2rem; font-size: 0.95rem; border-bottom: 1px solid #bbb; }
.thread { border: 1px solid #ccc; border-radius: 4px; margin: 0.4rem 0; padding: 0.3rem; }
.thread h4 { margin: 0; font-size: 0.85rem; font-weight: 600; }
.thread ol { list-style: none; margin: 0; padding: 0; }
.message { margin: 0.3rem 0; padding: 0.25rem 0.4rem; border-left: 4px solid #888; }
.message.bot { border-left: 4px double #1a5; background: #eef8f0; margin-left: 1rem; }
.message .meta { font-size: 0.8rem; color: #444; margin: 0; }
.message .role { font-weight: 700; }
.message .text { margin: 0.1rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.more { font-size: 0.8rem; color: #444; }
aside > section { background: #fff; border: 1px solid #888; border-radius: 4px; padding: 0.5rem; }
#buckets { max-height: 20rem; overflow-y: auto; }
#buckets h3 { font-size: 0.9rem; margin: 0.4rem 0 0; }
aside h2 { margin: 0 0 0.3rem; font-size: 1.05rem; }
label { display: block; margin: 0.25rem 0; }
fieldset label { display: inline-block; margin-right: 0.4rem; }
input, select, textarea, button { font: inherit; }
textarea, select, input[type=url], input[list] { width: 100%; box-sizing: border-box; }
#f-reply-label { margin: 0.25rem 0; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.3rem; }
button { border: 1px solid #333; background: #f0f0f0; border-radius: 3px; padding: 0.2rem 0.5rem; cursor: pointer; }
:focus-visible { outline: 3px solid #1a4fd1; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 0.78rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.15rem 0.25rem; text-align: left; vertical-align: top; }
td button { font-size: 0.78rem; text-align: left; overflow-wrap: anywhere; }
#log tbody { display: block; max-height: 40vh; overflow-y: auto; }
#log thead, #log tbody tr { display: table; width: 100%; table-layout: fixed; }
#log th:nth-child(1) { width: 8%; } #log th:nth-child(2) { width: 52%; } #log th:nth-child(3) { width: 8%; } #log th:nth-child(4) { width: 12%; }
#log td:nth-child(1) { width: 8%; } #log td:nth-child(2) { width: 52%; } #log td:nth-child(3) { width: 8%; } #log td:nth-child(4) { width: 12%; }
.status-error { font-weight: 700; }
.transcript { max-height: 12rem; overflow-y: auto; font-size: 0.8rem; padding-left: 2rem; }
.restart-here { font-size: 0.75rem; padding: 0 0.3rem; }
.bucket { font-size: 0.8rem; margin: 0.15rem 0; }
.bucket progress { width: 6rem; vertical-align: middle; }
dialog { max-width: 70rem; width: 90vw; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 0.4rem; max-height: 35vh; overflow: auto; font-size: 0.8rem; }
`;
