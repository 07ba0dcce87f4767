import { ErrorCode, isDalkitError, mapDatabaseError } from '@dalkit/connection';
import { describeEachTarget } from '@dalkit/testing/vitest';
import { expect, it } from 'vitest';
import { assertConventions, modelConstraints, runAs } from '../../src/index.js';
import { useModels } from '../support/open-database.js';
import {
  Author,
  Book,
  Category,
  Post,
  PostTag,
  Profile,
  Publisher,
  RELATIONSHIP_MODELS,
  Tag,
} from '../support/relationship-models.js';

interface ForeignKeyRow {
  table_name: string;
  column_name: string;
  delete_rule: string;
}

/**
 * PostgreSQL 18 (the embedded target) reports a RESTRICT refusal as SQLSTATE 23001
 * (restrict_violation), which @dalkit/connection does not map yet; PostgreSQL 15 and MariaDB
 * report a foreign key violation.
 */
function isRestrictRefusal(error: unknown): boolean {
  const sqlState = (error as { parent?: { code?: string } }).parent?.code;
  return isDalkitError(mapDatabaseError(error), ErrorCode.FOREIGN_KEY_VIOLATION) || sqlState === '23001';
}

describeEachTarget('relationships', (suite) => {
  const ctx = useModels(suite, RELATIONSHIP_MODELS);

  it('should follow the schema conventions', () => {
    expect(() => assertConventions(ctx.db)).not.toThrow();
  });

  it('should create every foreign key with its declared ON DELETE rule', async () => {
    const schema = suite.target === 'mariadb' ? 'DATABASE()' : 'current_schema()';
    const rows = await ctx.db.query<ForeignKeyRow>(
      `SELECT kcu.table_name AS table_name, kcu.column_name AS column_name, rc.delete_rule AS delete_rule
         FROM information_schema.referential_constraints rc
         JOIN information_schema.key_column_usage kcu
           ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
        WHERE rc.constraint_schema = ${schema}
        ORDER BY 1, 2`,
    );
    expect(rows.map((r) => `${r.table_name}.${r.column_name} ${r.delete_rule}`)).toEqual([
      'books.author_id CASCADE',
      'books.publisher_id RESTRICT',
      'categories.parent_id SET NULL',
      'post_tags.post_id CASCADE',
      'post_tags.tag_id CASCADE',
      'profiles.author_id CASCADE',
    ]);
  });

  it('should list the foreign keys among the model constraints', () => {
    expect(modelConstraints(Book).filter((c) => c.kind === 'foreign_key')).toEqual([
      expect.objectContaining({
        columns: ['author_id'],
        references: { table: 'authors', column: 'id' },
        onDelete: 'CASCADE',
      }),
      expect.objectContaining({
        columns: ['publisher_id'],
        references: { table: 'publishers', column: 'id' },
        onDelete: 'RESTRICT',
      }),
    ]);
  });

  it('should declare the junction pair unique', () => {
    expect(modelConstraints(PostTag)).toContainEqual({
      kind: 'unique',
      table: 'post_tags',
      name: 'post_tags_post_id_tag_id_key',
      columns: ['post_id', 'tag_id'],
    });
  });

  it('should index every foreign key in the database', async () => {
    const indexes = (await ctx.db.sequelize.getQueryInterface().showIndex('books')) as {
      fields: { attribute: string }[];
    }[];
    const firstColumns = indexes.map((i) => i.fields[0]?.attribute);
    expect(firstColumns).toEqual(expect.arrayContaining(['author_id', 'publisher_id']));
  });

  it('should load and cascade a one-to-one relationship', async () => {
    const author = await Author.create({ name: 'Ada' });
    await Profile.create({ authorId: author.id, bio: 'mathematician' });
    const loaded = await Author.findByPk(author.id, { include: [Profile], rejectOnEmpty: true });
    expect(loaded.profile?.bio).toBe('mathematician');
    await expect(Profile.create({ authorId: author.id, bio: 'second' })).rejects.toSatisfy((e) =>
      isDalkitError(mapDatabaseError(e), ErrorCode.UNIQUE_VIOLATION),
    );
    await Author.destroy({ where: { id: author.id } });
    expect(await Profile.count({ where: { authorId: author.id } })).toBe(0);
  });

  it('should load a one-to-many relationship, cascade one side and restrict the other', async () => {
    const author = await Author.create({ name: 'Grace' });
    const publisher = await Publisher.create({ name: 'Navy Press' });
    await Book.bulkCreate([
      { title: 'COBOL', authorId: author.id, publisherId: publisher.id },
      { title: 'Compilers', authorId: author.id },
    ]);
    const loaded = await Author.findByPk(author.id, { include: [Book], rejectOnEmpty: true });
    expect(loaded.books?.map((b) => b.title).sort()).toEqual(['COBOL', 'Compilers']);
    await expect(Publisher.destroy({ where: { id: publisher.id } })).rejects.toSatisfy(isRestrictRefusal);
    expect(await Publisher.count({ where: { id: publisher.id } })).toBe(1);
    await Author.destroy({ where: { id: author.id } });
    expect(await Book.count({ where: { authorId: author.id } })).toBe(0);
    await Publisher.destroy({ where: { id: publisher.id } });
    expect(await Publisher.count({ where: { id: publisher.id } })).toBe(0);
  });

  it('should refuse a row whose foreign key points nowhere', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    await expect(Book.create({ title: 'orphan', authorId: missing })).rejects.toSatisfy((e) =>
      isDalkitError(mapDatabaseError(e), ErrorCode.FOREIGN_KEY_VIOLATION),
    );
  });

  it('should link many-to-many through an audited junction and cascade from both sides', async () => {
    const [post, other] = await Post.bulkCreate([{ title: 'Hello' }, { title: 'World' }]);
    const [red, blue] = await Tag.bulkCreate([{ name: 'red' }, { name: 'blue' }]);
    if (!post || !other || !red || !blue) throw new Error('fixtures missing');
    await runAs('editor-1', () => post.$add('tags', [red, blue]));
    await other.$add('tags', [red]);
    const loaded = await Post.findByPk(post.id, { include: [Tag], rejectOnEmpty: true });
    expect(loaded.tags?.map((t) => t.name).sort()).toEqual(['blue', 'red']);
    const links = await PostTag.findAll({ where: { postId: post.id } });
    expect(links.map((l) => l.createdBy)).toEqual(['editor-1', 'editor-1']);
    expect(links.every((l) => l.createdAt instanceof Date)).toBe(true);
    await Post.destroy({ where: { id: post.id } });
    expect(await PostTag.count({ where: { postId: post.id } })).toBe(0);
    await Tag.destroy({ where: { id: red.id } });
    expect(await PostTag.count({ where: { postId: other.id } })).toBe(0);
    expect(await Tag.count({ where: { id: blue.id } })).toBe(1);
  });

  it('should load a self-reference both ways and set children free when the parent goes', async () => {
    const root = await Category.create({ name: 'root' });
    const [a, b] = await Category.bulkCreate([
      { name: 'a', parentId: root.id },
      { name: 'b', parentId: root.id },
    ]);
    const loaded = await Category.findByPk(root.id, {
      include: [{ model: Category, as: 'children' }],
      rejectOnEmpty: true,
    });
    expect(loaded.children?.map((c) => c.name).sort()).toEqual(['a', 'b']);
    const child = await Category.findByPk(a?.id ?? '', {
      include: [{ model: Category, as: 'parent' }],
      rejectOnEmpty: true,
    });
    expect(child.parent?.name).toBe('root');
    await root.destroy();
    const orphans = await Category.findAll({ where: { id: [a?.id ?? '', b?.id ?? ''] } });
    expect(orphans.map((c) => c.parentId)).toEqual([null, null]);
  });
});
