// Reads the erasure dataset with hyparquet (pure JavaScript, no code shared with Parquet.Net, which wrote
// it) and checks what the dataset promises:
//   - every file has exactly the seven columns, occurred_at a UTC timestamp;
//   - every row of date=YYYY-MM-DD has its UTC time on that day;
//   - a file's name matches what it holds: service, kind, first and last sequence;
//   - each row group's occurred_at statistics equal its rows' real minimum and maximum (what retention
//     and any engine's predicate push-down rely on);
//   - no sequence appears twice;
//   - with --expect FILE (JSON lines of the source's events), the dataset equals the source.
// Usage: node eng/erasure-dataset/check.mjs DATASET_PATH [--expect events.jsonl] [--show N]
// DATASET_PATH is Erasure:Dataset:Path, the folder that holds erasure-events/. Exit code 1 on any violation.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

const args = process.argv.slice(2)
const root = args[0]
const option = name => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : undefined }
if (!root) {
  console.error('usage: node check.mjs DATASET_PATH [--expect events.jsonl] [--show N]')
  process.exit(2)
}

const COLUMNS = ['sequence', 'occurred_at', 'service', 'kind', 'request_id', 'subject_type', 'subject_id']
const hidden = name => name.startsWith('_') || name.startsWith('.')
const segment = value => value.replace(/[^A-Za-z0-9_-]/g, '_') || '_'
const problems = []
const rows = []

const dataset = join(root, 'erasure-events')
const days = existsSync(dataset) ? readdirSync(dataset).filter(d => /^date=\d{4}-\d{2}-\d{2}$/.test(d)).sort() : []
for (const day of days) {
  const date = day.slice('date='.length)
  const files = readdirSync(join(dataset, day)).filter(f => !hidden(f) && f.endsWith('.parquet')).sort()
  let dayRows = 0
  for (const name of files) {
    const file = await asyncBufferFromFile(join(dataset, day, name))
    const metadata = await parquetMetadataAsync(file)
    const fields = metadata.schema.slice(1)
    const columns = fields.map(f => f.name)
    if (columns.join() !== COLUMNS.join()) problems.push(`${day}/${name}: columns ${columns.join()}`)
    const occurredAt = fields.find(f => f.name === 'occurred_at')
    if (occurredAt?.logical_type?.type !== 'TIMESTAMP' || occurredAt.logical_type.isAdjustedToUTC !== true) {
      problems.push(`${day}/${name}: occurred_at is ${JSON.stringify(occurredAt?.logical_type)}, not a UTC timestamp`)
    }

    const fileRows = await parquetReadObjects({ file })
    let offset = 0
    for (const [index, group] of metadata.row_groups.entries()) {
      const groupRows = fileRows.slice(offset, offset + Number(group.num_rows))
      offset += Number(group.num_rows)
      const stats = group.columns[COLUMNS.indexOf('occurred_at')].meta_data.statistics
      const times = groupRows.map(r => r.occurred_at.getTime())
      const [min, max] = [Math.min(...times), Math.max(...times)]
      if (stats?.min_value?.getTime() !== min || stats?.max_value?.getTime() !== max) {
        problems.push(`${day}/${name} row group ${index}: occurred_at statistics ${stats?.min_value?.toISOString()}..${stats?.max_value?.toISOString()}, rows ${new Date(min).toISOString()}..${new Date(max).toISOString()}`)
      }
    }

    const match = /^(.+)\.([^.]+)\.(\d{19})-(\d{19})\.parquet$/.exec(name)
    const sequences = fileRows.map(r => BigInt(r.sequence))
    const first = sequences.reduce((a, b) => (b < a ? b : a))
    const last = sequences.reduce((a, b) => (b > a ? b : a))
    if (!match || BigInt(match[3]) !== first || BigInt(match[4]) !== last) problems.push(`${day}/${name}: holds sequences ${first}-${last}`)
    for (const row of fileRows) {
      if (row.occurred_at.toISOString().slice(0, 10) !== date) problems.push(`${day}/${name}: sequence ${row.sequence} occurred at ${row.occurred_at.toISOString()}`)
      if (match && (segment(row.service) !== match[1] || segment(row.kind) !== match[2])) problems.push(`${day}/${name}: sequence ${row.sequence} is ${row.service}/${row.kind}`)
      rows.push(row)
    }

    dayRows += fileRows.length
  }

  console.log(`${day}: ${files.length} files, ${dayRows} rows`)
}

rows.sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0))
for (let i = 1; i < rows.length; i++) {
  if (rows[i].sequence === rows[i - 1].sequence) problems.push(`sequence ${rows[i].sequence} appears twice`)
}

const plain = row => JSON.stringify({ ...row, sequence: Number(row.sequence), occurred_at: row.occurred_at.toISOString() })
const show = Number(option('--show') ?? 3)
for (const row of rows.slice(0, show)) console.log(plain(row))

const expectFile = option('--expect')
if (expectFile) {
  const expected = readFileSync(expectFile, 'utf8').split('\n').filter(line => line.trim()).map(line => JSON.parse(line))
  const actual = rows.map(row => JSON.parse(plain(row)))
  const key = e => COLUMNS.map(c => String(e[c])).join('|')
  const missing = expected.filter((e, i) => actual[i] === undefined || key(actual[i]) !== key(e))
  if (actual.length !== expected.length || missing.length > 0) {
    problems.push(`the dataset's ${actual.length} rows differ from the ${expected.length} expected events (first difference: ${missing.length ? key(missing[0]) : 'extra rows'})`)
  } else {
    console.log(`equal to the ${expected.length} expected events`)
  }
}

console.log(`${days.length} day folders, ${rows.length} rows, ${problems.length} problems`)
for (const problem of problems) console.log(`PROBLEM ${problem}`)
process.exit(problems.length === 0 ? 0 : 1)
