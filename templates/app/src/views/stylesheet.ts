/** The pages' stylesheet, served by routes/stylesheet.ts: the Content-Security-Policy (see app.ts) allows no inline style. */
export const css = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 56rem; margin: 0 auto; padding: 0 1rem; color: #222; }
body > nav { display: flex; gap: 1rem; padding: 1rem 0; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #eee; }
label { display: block; margin: .8rem 0; }
input, textarea, select { display: block; width: 100%; max-width: 30rem; padding: .3rem; font: inherit; }
button { font: inherit; padding: .3rem .8rem; }
input[type=checkbox] { display: inline; width: auto; }
.error { color: #b00020; }
.actions { display: flex; gap: 1rem; align-items: center; }
.actions form { display: flex; gap: .5rem; margin-left: auto; }
.pagination { display: flex; gap: .6rem; margin: 1rem 0; }
`

