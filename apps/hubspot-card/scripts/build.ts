import { buildCard } from './build-card.ts'

// `npm run build`: proves the card compiles offline (`hs project upload` needs an account).
const bundle = await buildCard()
console.log(
  `${bundle.file}: ${Math.round(bundle.code.length / 1024)} KiB, ${bundle.modules.length} modules`,
)
