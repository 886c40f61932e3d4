// The shape of dist-embed.ts, which apps/zendesk-sidebar/build.ts writes (git-ignored): lets the
// demo typecheck on a clean clone. Only the demo worker imports it; production never does.
export declare const SIDEBAR_JS: string
export declare const SIDEBAR_CSS: string
export declare const ZAF_STANDIN_JS: string
