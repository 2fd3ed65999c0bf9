import { z } from 'zod';
import { email, password, title } from './common.js';

export const signUpInput = z.strictObject({ email, password, displayName: title });
export const signInInput = z.strictObject({ email, password: z.string().min(1).max(256) });
