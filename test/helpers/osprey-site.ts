import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The docs of "Osprey", a made-up backup tool (all text original), for the evaluation acceptance
// test: eight pages of question sections, enough for docs-qa to keep ten or more examples for
// training and a few for validation. Written to a directory for startSiteServer({ root }).

interface Page {
  path: string;
  title: string;
  intro: string;
  sections: [heading: string, text: string][];
}

const PAGES: Page[] = [
  {
    path: 'guide/install.html',
    title: 'Install',
    intro: 'Osprey is one static binary that backs up folders to local disks, SFTP servers and object stores.',
    sections: [
      ['How do I install Osprey?', 'Download the release archive for your system, unpack it and move the osprey binary to a folder on your PATH. Run osprey version to check that your shell finds it.'],
      ['Which systems does Osprey run on?', 'Osprey runs on Linux, macOS and FreeBSD on both amd64 and arm64. Windows is not supported because Osprey relies on POSIX file permissions.'],
    ],
  },
  {
    path: 'guide/repositories.html',
    title: 'Repositories',
    intro: 'A repository is the place where Osprey keeps encrypted, deduplicated chunks of your files.',
    sections: [
      ['How do I create a repository?', 'Run osprey init with the repository location, for example osprey init sftp://backup@host/srv/osprey. Osprey asks for a passphrase twice and writes the repository key.'],
      ['What happens if I lose the passphrase?', 'The data cannot be recovered without the passphrase. Osprey never stores it in plain text, so keep a copy in a password manager or a sealed envelope.'],
      ['Can two machines share a repository?', 'Yes. Each machine writes its own snapshots under its host name, and chunks that both machines have are stored only once thanks to deduplication.'],
    ],
  },
  {
    path: 'guide/snapshots.html',
    title: 'Snapshots',
    intro: 'A snapshot records the state of the folders you back up at one moment in time.',
    sections: [
      ['How do I take a snapshot?', 'Run osprey backup followed by the folders to save. Unchanged files are detected by size and modification time, so later snapshots finish in seconds.'],
      ['How do I exclude files?', 'Put glob patterns in an .ospreyignore file at the top of a backed up folder, one pattern per line, or pass --exclude on the command line for a single run.'],
    ],
  },
  {
    path: 'guide/restore.html',
    title: 'Restore',
    intro: 'Restoring copies files from a snapshot back to disk, never over newer files unless you ask.',
    sections: [
      ['How do I restore a single file?', 'Run osprey restore with the snapshot id, the path of the file inside the snapshot and --target with the folder to write it to. Osprey keeps the original permissions.'],
      ['Can I browse a snapshot before restoring?', 'Run osprey mount with an empty folder to see every snapshot as a read-only directory tree, then copy what you need with your usual tools.'],
    ],
  },
  {
    path: 'guide/retention.html',
    title: 'Retention',
    intro: 'Retention rules decide which old snapshots Osprey deletes and which it keeps.',
    sections: [
      ['How do I keep only recent snapshots?', 'Run osprey forget with --keep-daily 7 --keep-weekly 4 to keep one snapshot for each of the last seven days and each of the last four weeks, then osprey prune to free space.'],
      ['Why does prune take so long?', 'Prune reads the index of every pack file to find chunks that no snapshot uses any more. On a slow object store this is mostly waiting for the network.'],
    ],
  },
  {
    path: 'reference/config.html',
    title: 'Configuration',
    intro: 'Osprey reads osprey.toml from the current folder, then from the user configuration folder.',
    sections: [
      ['Which settings can osprey.toml hold?', 'It holds the repository location, the folders to back up, exclude patterns, retention rules and the compression level, which goes from 1 for fast to 9 for small.'],
      ['Can I keep the passphrase out of the file?', 'Yes. Set OSPREY_PASSWORD_COMMAND to a command that prints the passphrase, such as a call to your password manager, and leave it out of osprey.toml entirely.'],
    ],
  },
  {
    path: 'reference/schedule.html',
    title: 'Scheduling',
    intro: 'Osprey has no daemon of its own and relies on the scheduler your system already has.',
    sections: [
      ['How do I run backups every night?', 'Add a cron entry such as 30 2 * * * osprey backup --config /etc/osprey.toml, or install the systemd timer that ships in the release archive.'],
      ['How do I get told when a backup fails?', 'Osprey exits with status 3 when some files could not be read and status 1 on any other failure, so a wrapper script or monitoring tool can alert on a non-zero status.'],
    ],
  },
  {
    path: 'reference/stores.html',
    title: 'Storage backends',
    intro: 'Osprey writes the same repository format to every kind of storage it supports.',
    sections: [
      ['Which object stores work with Osprey?', 'Any store that speaks the S3 protocol works, including MinIO and Ceph. Give the bucket as s3://endpoint/bucket and put the keys in OSPREY_S3_KEY and OSPREY_S3_SECRET.'],
      ['Can I copy a repository to another backend?', 'Run osprey copy with the source and destination repositories. Only chunks missing at the destination are sent, so an interrupted copy resumes where it stopped.'],
    ],
  },
];

const nav = PAGES.map((p) => `    <a href="/${p.path}">${p.title}</a>`).join('\n');

const html = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title} · Osprey docs</title>
</head>
<body>
  <nav class="site-nav" aria-label="Main">
    <a href="/">Osprey</a>
${nav}
  </nav>
  <main>
${body}
  </main>
  <footer class="site-footer"><p>Osprey is released under the MIT licence.</p></footer>
</body>
</html>
`;

const pageHtml = (p: Page) =>
  html(p.title, [`    <h1>${p.title}</h1>`, `    <p>${p.intro}</p>`, ...p.sections.flatMap(([h, t]) => [`    <h2>${h}</h2>`, `    <p>${t}</p>`])].join('\n'));

/** Every file of the site, `{{origin}}` left for the server to fill in. */
export const ospreySiteFiles = (): Map<string, string> => {
  const files = new Map<string, string>();
  files.set('index.html', html('Osprey', '    <h1>Osprey</h1>\n    <p>Osprey makes encrypted, deduplicated backups that you can restore file by file or mount as a folder.</p>'));
  for (const p of PAGES) files.set(p.path, pageHtml(p));
  files.set('robots.txt', 'User-agent: *\nAllow: /\n\nSitemap: {{origin}}/sitemap.xml\n');
  files.set(
    'sitemap.xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>{{origin}}/</loc></url>\n` +
      PAGES.map((p) => `  <url><loc>{{origin}}/${p.path}</loc></url>\n`).join('') +
      '</urlset>\n',
  );
  return files;
};

/** The number of question sections: the examples docs-qa makes of the site. */
export const OSPREY_SECTIONS = PAGES.reduce((n, p) => n + p.sections.length, 0);

/** Writes the site under `root` and returns it. */
export const writeOspreySite = (root: string): string => {
  for (const [path, text] of ospreySiteFiles()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};
