import {it,expect} from 'vitest'; it('n',()=>expect(1).toBe(1))
