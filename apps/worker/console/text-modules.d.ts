// Wrangler (and the workers test pool) import `*.txt` files as strings: the Text module rule.
declare module '*.txt' {
  const text: string
  export default text
}
