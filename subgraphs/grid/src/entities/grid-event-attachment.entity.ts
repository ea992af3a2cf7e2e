import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** An attachment's metadata; its bytes stay in the same row (bytea), read only through contentBase64. */
@Entity({ tableName: 'grid_event_attachment' })
@ObjectType({ description: 'A photo or document attached to an event (jpeg, png or pdf, at most 512 KiB)' })
export class GridEventAttachment {
  @PrimaryKey({ type: 'string', columnType: 'bigint', autoincrement: true })
  @Field(() => ID)
  id: string;

  @Property({ type: 'string', columnType: 'bigint' })
  eventId: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String)
  fileName: string;

  @Property({ type: 'string', length: 40 })
  @Field(() => String, { description: 'image/jpeg | image/png | application/pdf' })
  contentType: string;

  @Property({ type: 'number' })
  @Field(() => Int)
  sizeBytes: number;

  @Property({ type: 'string', columnType: 'char(64)' })
  @Field(() => String, { description: 'SHA-256 of the bytes, hex' })
  sha256: string;

  @Property({ type: 'blob', lazy: true })
  content?: Buffer;

  @Property({ type: 'string', length: 64 })
  uploadedBy: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  uploadedAt: Date;
}
