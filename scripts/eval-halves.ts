/** Stable half of a question ("a" to tune on, "b" held out), shared by eval and tuning. */
export function halfOf(text: string): 'a' | 'b' {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 2 === 0 ? 'a' : 'b';
}
