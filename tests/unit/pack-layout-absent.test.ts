import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallProject } from '../helpers/fake-build.js';
import { filesOf } from '../helpers/output-folder.js';

describe('templates without a briefing-pack layout', () => {
  it('build no pack and say nothing about it, when no pack was ever made', async () => {
    const project = await smallProject();
    await rm(join(project.templates, 'layouts/briefing-pack.hbs'));
    const { report } = await project.build();
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.documents.map((result) => result.output).sort()).toEqual([
      'countries/mali.pdf',
      'countries/niger.pdf',
      'factsheet.pdf',
    ]);
    expect((await filesOf(project.out)).has('briefing-pack.pdf')).toBe(false);
  });

  it('keep the pack an earlier build made, and say it is out of date', async () => {
    const project = await smallProject();
    expect((await project.build()).report.errors).toEqual([]);
    const before = (await filesOf(project.out)).get('briefing-pack.pdf');
    expect(before).toBeDefined();
    await rm(join(project.templates, 'layouts/briefing-pack.hbs'));
    const { report } = await project.build();
    expect(report.warnings).toEqual([
      { message: 'briefing-pack.pdf was not rebuilt: the templates have no briefing-pack layout' },
    ]);
    expect((await filesOf(project.out)).get('briefing-pack.pdf')).toBe(before);
  });
});
