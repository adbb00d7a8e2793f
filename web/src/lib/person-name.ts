/** How the console names a person: their name, or their e-mail when they have none yet. */
export const personName = (p: { firstName: string; lastName: string; email: string }) => `${p.firstName} ${p.lastName}`.trim() || p.email;
/** A person where only a few words fit and two may share a name (a picker's option): their name and their e-mail. */
export const personWithEmail = (p: { firstName: string; lastName: string; email: string }) => (personName(p) === p.email ? p.email : `${personName(p)} <${p.email}>`);
