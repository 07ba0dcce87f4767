import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, BelongsToMany, Column, DataType, HasMany, HasOne, Table } from 'sequelize-typescript';
import { AuditedModel, ForeignKeyColumn } from '../../src/index.js';

@Table({ tableName: 'authors' })
export class Author extends AuditedModel<InferAttributes<Author>, InferCreationAttributes<Author>> {
  @Column(DataType.STRING(100))
  declare name: string;

  @HasOne(() => Profile)
  declare profile?: NonAttribute<Profile>;

  @HasMany(() => Book)
  declare books?: NonAttribute<Book[]>;
}

/** One-to-one: a UNIQUE foreign key, deleted with its author. */
@Table({ tableName: 'profiles' })
export class Profile extends AuditedModel<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
  @ForeignKeyColumn(() => Author, { onDelete: 'CASCADE', unique: true })
  declare authorId: string;

  @Column(DataType.TEXT)
  declare bio: string;

  @BelongsTo(() => Author)
  declare author?: NonAttribute<Author>;
}

@Table({ tableName: 'publishers' })
export class Publisher extends AuditedModel<InferAttributes<Publisher>, InferCreationAttributes<Publisher>> {
  @Column(DataType.STRING(100))
  declare name: string;

  @HasMany(() => Book)
  declare books?: NonAttribute<Book[]>;
}

/** One-to-many twice: deleted with its author; its publisher cannot be deleted while it exists. */
@Table({ tableName: 'books' })
export class Book extends AuditedModel<InferAttributes<Book>, InferCreationAttributes<Book>> {
  @Column(DataType.STRING(200))
  declare title: string;

  @ForeignKeyColumn(() => Author, { onDelete: 'CASCADE' })
  declare authorId: string;

  @ForeignKeyColumn(() => Publisher, { onDelete: 'RESTRICT', allowNull: true })
  declare publisherId: CreationOptional<string | null>;

  @BelongsTo(() => Author)
  declare author?: NonAttribute<Author>;

  @BelongsTo(() => Publisher)
  declare publisher?: NonAttribute<Publisher>;
}

@Table({ tableName: 'posts' })
export class Post extends AuditedModel<InferAttributes<Post>, InferCreationAttributes<Post>> {
  @Column(DataType.STRING(200))
  declare title: string;

  @BelongsToMany(
    () => Tag,
    () => PostTag,
  )
  declare tags?: NonAttribute<Tag[]>;
}

@Table({ tableName: 'tags' })
export class Tag extends AuditedModel<InferAttributes<Tag>, InferCreationAttributes<Tag>> {
  @Column(DataType.STRING(50))
  declare name: string;

  @BelongsToMany(
    () => Post,
    () => PostTag,
  )
  declare posts?: NonAttribute<Post[]>;
}

/** Many-to-many junction with its own id and audit columns; rows go with either side. */
@Table({ tableName: 'post_tags' })
export class PostTag extends AuditedModel<InferAttributes<PostTag>, InferCreationAttributes<PostTag>> {
  @ForeignKeyColumn(() => Post, { onDelete: 'CASCADE' })
  declare postId: string;

  @ForeignKeyColumn(() => Tag, { onDelete: 'CASCADE' })
  declare tagId: string;
}

/** Self-reference: a category's children lose their parent (SET NULL) when it is deleted. */
@Table({ tableName: 'categories' })
export class Category extends AuditedModel<InferAttributes<Category>, InferCreationAttributes<Category>> {
  @Column(DataType.STRING(100))
  declare name: string;

  @ForeignKeyColumn(() => Category, { onDelete: 'SET NULL', allowNull: true })
  declare parentId: CreationOptional<string | null>;

  @BelongsTo(() => Category, 'parentId')
  declare parent?: NonAttribute<Category>;

  @HasMany(() => Category, 'parentId')
  declare children?: NonAttribute<Category[]>;
}

/** Every model of the relationship fixtures, for registerModels. */
export const RELATIONSHIP_MODELS = [Author, Profile, Publisher, Book, Post, Tag, PostTag, Category] as const;
