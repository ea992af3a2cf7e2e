import { sqlRows } from '@hub/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { GridEventAttachment } from '../entities/grid-event-attachment.entity';
import type { GridContext } from './context';

@Resolver(() => GridEventAttachment)
export class GridEventAttachmentResolver {
  /** The bytes are read only when asked for: lists of events carry the metadata alone. */
  @FieldResolver(() => String, { nullable: true, description: 'The file, base64 (ask for it on one event: each file is up to 512 KiB)' })
  async contentBase64(@Root() attachment: GridEventAttachment, @Ctx() { em }: GridContext): Promise<string | null> {
    const [row] = await sqlRows<{ content: Buffer }>(em, 'select content from grid_event_attachment where id = ?', [attachment.id]);
    return row ? row.content.toString('base64') : null;
  }
}
