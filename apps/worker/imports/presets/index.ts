import { delighted } from './delighted.ts'
import type { SurveyPreset } from './preset.ts'
import { qualtrics } from './qualtrics.ts'
import { surveymonkey } from './surveymonkey.ts'
import { typeform } from './typeform.ts'

export { PresetError, type SurveyPreset } from './preset.ts'

/** The survey tools whose exports `POST /v1/responses?preset=` reads as they come. */
export const PRESETS = { delighted, typeform, surveymonkey, qualtrics } as const
export type PresetName = keyof typeof PRESETS
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[]

export const presetNamed = (name: PresetName): SurveyPreset => PRESETS[name]
