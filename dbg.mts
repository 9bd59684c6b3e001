import { readItemLine } from './src/plans/markdown/outline/item-line.js';
import { whenMentions } from './src/plans/markdown/when/when-text.js';
const c = { dayFirst: false };
for (const s of ['Promote beta (T-3 days, Monday)', 'Bump the stable version number (T-6 days, Friday the week before)']) {
  console.log(JSON.stringify(whenMentions(s, c)));
  console.log(JSON.stringify(readItemLine(s, c)));
}
