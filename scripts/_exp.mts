import { parseAllDocuments } from 'yaml';
const text = `# top comment
apiVersion: v1
spec:
  a: 1
  # inner trailing
# doc trailing

---
# second top
b: 2 # eol
# second trailing
`;
const docs = parseAllDocuments(text) as any[];
for (const d of docs) {
  console.log(JSON.stringify({range: d.contents.range, slice: text.slice(d.contents.range[0], d.contents.range[2]), docBefore: d.commentBefore, docComment: d.comment, cBefore: d.contents.commentBefore, cComment: d.contents.comment}));
}
