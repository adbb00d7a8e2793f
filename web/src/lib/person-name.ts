/** How the console names a person: their name, or their e-mail when they have none yet. */
export const personName = (p: { firstName: string; lastName: string; email: string }) => `${p.firstName} ${p.lastName}`.trim() || p.email;
