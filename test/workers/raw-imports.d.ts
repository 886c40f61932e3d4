/** Vite's `?raw` imports: a file's text (the preset fixtures, read inside workerd). */
declare module '*?raw' {
  const text: string
  export default text
}
