import { render } from 'preact'
import { App } from './app.tsx'
import { SignOut } from './sign-out.tsx'

const mount = document.getElementById('cx-console')
if (mount) render(<App />, mount)
const session = document.getElementById('cx-session')
if (session) render(<SignOut />, session)
