import { expect, type Locator, type Page } from '@playwright/test';

/** The first screen: recent projects, New project, Open project. */
export class StartPage {
  constructor(readonly page: Page) {}

  /** Opens the start screen; specs share one studio, so a project an earlier spec left open is closed. */
  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Magritte Studio' })).toBeVisible();
    const close = this.page.getByRole('button', { name: 'Close project' });
    const newProject = this.page.getByRole('button', { name: 'New project' });
    await expect(close.or(newProject).first()).toBeVisible();
    if (await close.isVisible()) await close.click();
    await expect(newProject).toBeVisible();
  }

  recent(name: string): Locator {
    return this.page.getByTestId('recent-project').filter({ hasText: name });
  }

  async openNewProjectDialog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New project' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New project' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Fills the New project dialog; languages are picked by their English names. */
  async fillNewProject(dialog: Locator, p: { name: string; teacher: string; pupils: string[] }): Promise<void> {
    await dialog.getByLabel('Project name').fill(p.name);
    const teacher = dialog.getByTestId('teacher-language');
    await teacher.click();
    await teacher.fill(p.teacher);
    await this.page.getByRole('option', { name: p.teacher, exact: true }).click();
    const pupils = dialog.getByTestId('pupil-languages');
    for (const lang of p.pupils) {
      await pupils.click();
      await pupils.fill(lang);
      await this.page.getByRole('option', { name: lang, exact: true }).click();
    }
  }

  async createProject(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
  }

  async openByPath(dir: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Open project' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Open a project' });
    await dialog.getByLabel('Project folder').fill(dir);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
}
