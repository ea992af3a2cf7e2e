import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, HubError, checkedCode } from '@hub/access';
import { auditedWrite } from '@hub/audit';
import { BUILDING_USE, GRID_CODE_PATTERN, STREETS } from '@hub/domain';
import { Arg, Ctx, Field, Float, InputType, Mutation, Resolver } from 'type-graphql';
import { Dwelling } from '../entities/dwelling.entity';
import { DWELLING_WRITE_CLASS } from '../policy';
import type { HousingContext } from './context';

/**
 * 标准地址编码 as housing keeps it (一标三实): the community's 12-digit code, then the building (3 digits), the unit (2;
 * `01` in a village, whose houses stand in rows) and the room or house number (4) — 21 digits in all.
 */
export const ADDRESS_CODE_PATTERN = /^\d{21}$/;
/** The largest area housing registers for one dwelling (m²): a whole 仓储 or 工业 building, not a typing slip. */
export const MAX_DWELLING_AREA = 50_000;
const MAX_ADDRESS_LENGTH = 200;

@InputType({ description: '实有房屋登记: a dwelling housing registers at a standard address' })
export class RegisterDwellingInput {
  @Field(() => String, { description: '标准地址编码: 21 digits, the community code (12) then building (3), unit (2) and room (4)' })
  addressCode: string;

  @Field(() => String, { description: '房屋地址, as written (at most 200 characters)' })
  address: string;

  @Field(() => String, { description: '建筑用途 (GB/T 31000): 01 住宅, 02 商业, 03 办公, 04 工业, 05 仓储, 06 商住混用, 99 其他' })
  use: string;

  @Field(() => Float, { description: `建筑面积 (m²), more than 0 and at most ${MAX_DWELLING_AREA}, at most two decimals` })
  area: number;

  @Field(() => String, { description: 'The community (社区/村, 12 digits) of the address, within your jurisdiction' })
  communityCode: string;

  @Field(() => String, { nullable: true, description: "The grid (15 digits, the community's code then 3) as known at registration; the grid center places the dwelling (assignDwellingsToGrid)" })
  gridCode?: string | null;

  @Field(() => String, { description: 'Made by the client for this write (a UUID) and sent again on a retry' })
  clientRequestId: string;
}

const KNOWN_STREETS = new Set(STREETS.map((street) => street.code));

/**
 * A community code housing accepts: 12 digits, of one of the district's streets (2023 统计用区划代码), and numbered as a
 * community is (001–199 居委会, 200–399 村委会). Housing keeps no division table of its own; the grid center's region
 * tree is the grid's, and the streets are the published code table.
 */
export function checkedCommunityCode(code: string): string {
  if (!/^\d{12}$/.test(code)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'communityCode must be a 12-digit community (社区/村) code');
  const number = Number(code.slice(9));
  if (!KNOWN_STREETS.has(code.slice(0, 9)) || number < 1 || number > 399) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `communityCode ${code} is not a community of the district: its first 9 digits must be one of its streets and its last 3 a community number (001–399)`);
  }
  return code;
}

/** What `registerDwelling` accepts, checked before anything is read (every refusal is BAD_USER_INPUT and says why). */
export function checkedDwellingRegistration(input: RegisterDwellingInput) {
  const communityCode = checkedCommunityCode(String(input.communityCode ?? ''));
  if (!ADDRESS_CODE_PATTERN.test(input.addressCode)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, 'addressCode (标准地址编码) must be 21 digits: the community code (12), then building (3), unit (2) and room (4)');
  }
  if (!input.addressCode.startsWith(communityCode)) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `addressCode ${input.addressCode} is not an address of community ${communityCode} (its first 12 digits are the community's code)`);
  }
  const address = input.address.trim();
  if (!address || address.length > MAX_ADDRESS_LENGTH) throw new HubError(ErrorCode.BAD_USER_INPUT, `address must be 1 to ${MAX_ADDRESS_LENGTH} characters`);
  const buildingUse = checkedCode(BUILDING_USE, input.use, 'use');
  if (!Number.isFinite(input.area) || input.area <= 0 || input.area > MAX_DWELLING_AREA) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `area must be more than 0 and at most ${MAX_DWELLING_AREA} m²; got ${input.area}`);
  }
  if (Math.abs(Math.round(input.area * 100) - input.area * 100) > 1e-6) throw new HubError(ErrorCode.BAD_USER_INPUT, 'area has at most two decimals (m²)');
  const gridCode = input.gridCode ?? null;
  if (gridCode !== null) {
    if (!GRID_CODE_PATTERN.test(gridCode)) throw new HubError(ErrorCode.BAD_USER_INPUT, 'gridCode must be a 15-digit grid code');
    if (!gridCode.startsWith(communityCode))
      throw new HubError(ErrorCode.BAD_USER_INPUT, `gridCode ${gridCode} is not a grid of community ${communityCode} (its first 12 digits are the community's code)`);
  }
  return { addressCode: input.addressCode, address, buildingUse, area: Math.round(input.area * 100) / 100, regionCode: communityCode, gridCode };
}

const snapshot = (dwelling: Dwelling) => ({
  addressCode: dwelling.addressCode,
  address: dwelling.address,
  buildingUse: dwelling.buildingUse,
  area: Number(dwelling.area),
  regionCode: dwelling.regionCode,
  gridCode: dwelling.gridCode,
});

const duplicate = (addressCode: string, id?: string) =>
  new HubError(ErrorCode.BAD_USER_INPUT, `标准地址编码 ${addressCode} 已登记${id ? `为房屋 ${id}` : ''}，一个地址只登记一套房屋 (already registered${id ? ` as dwelling ${id}` : ''})`);

/** Housing registers a dwelling (实有房屋登记, issue #14): validated, once under retry, with its record and its audit. */
@Resolver(() => Dwelling)
export class DwellingRegistrationResolver {
  @Mutation(() => Dwelling, {
    description:
      '实有房屋登记: registers a dwelling at a standard address of a community in your jurisdiction. The grid center then places it in its grid ' +
      '(assignDwellingsToGrid). Refused: a malformed or unknown code, an address code already registered, an area out of range (BAD_USER_INPUT); ' +
      'a community or grid outside your jurisdiction (OUT_OF_JURISDICTION).',
  })
  async registerDwelling(@Ctx() { em, identity, audit }: HousingContext, @Arg('input', () => RegisterDwellingInput) input: RegisterDwellingInput): Promise<Dwelling> {
    const checked = checkedDwellingRegistration(input);
    if (!(checked.gridCode ?? checked.regionCode).startsWith(identity.jurisdiction)) {
      audit.note(null, DWELLING_WRITE_CLASS, 'OUT_OF_JURISDICTION');
      throw new HubError(
        ErrorCode.OUT_OF_JURISDICTION,
        `Community ${checked.regionCode}${checked.gridCode ? ` (grid ${checked.gridCode})` : ''} is outside your jurisdiction ${identity.jurisdiction}`,
      );
    }
    try {
      return await auditedWrite<EntityManager, Dwelling>(
        em,
        identity,
        { operation: 'registerDwelling', clientRequestId: input.clientRequestId, input: { ...input }, fieldClass: DWELLING_WRITE_CLASS },
        async (tx) => {
          const existing = await tx.findOne(Dwelling, { addressCode: checked.addressCode });
          if (existing) throw duplicate(checked.addressCode, existing.id);
          const [{ id }] = await tx.execute<Array<{ id: string }>>(`select 'D' || nextval('dwelling_registration_seq')::text as id`);
          const dwelling = tx.create(Dwelling, { id, ...checked, version: 1 });
          await tx.flush();
          return { result: dwelling, resultId: dwelling.id, subjects: [], changes: [{ recordType: 'dwelling', recordId: dwelling.id, before: null, after: snapshot(dwelling) }] };
        },
        (tx, id) => tx.findOneOrFail(Dwelling, { id }),
      );
    } catch (error) {
      // Two registrations of one address at once: the unique index lets one in, the other is told so.
      if (error instanceof UniqueConstraintViolationException) throw duplicate(checked.addressCode);
      throw error;
    }
  }
}
