import { REQUIRES_ACCESS_SCOPE } from '@hub/subgraph-kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { AssistanceRecord } from '../entities/assistance-record.entity';
import { DisabilityCertificate } from '../entities/disability-certificate.entity';
import { IncomeDeclaration } from '../entities/income-declaration.entity';
import { Person } from '../entities/stubs';
import type { CivilAffairsContext } from './context';
import { chinaClock } from '@hub/domain';

/** What civil affairs adds to a person: assistance, disability and declared income. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => [AssistanceRecord], { nullable: true, description: 'Assistance records, newest first' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  assistance(@Root() person: Person, @Ctx() { loaders }: CivilAffairsContext): Promise<AssistanceRecord[]> {
    return loaders.assistanceByPerson.load(person.id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Has an ACTIVE (在保) assistance record' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  async receivesAssistance(@Root() person: Person, @Ctx() { loaders }: CivilAffairsContext): Promise<boolean> {
    return (await loaders.assistanceByPerson.load(person.id)).some((record) => record.status === 'ACTIVE');
  }

  @FieldResolver(() => DisabilityCertificate, { nullable: true, description: 'The newest 残疾人证' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  disability(@Root() person: Person, @Ctx() { loaders }: CivilAffairsContext): Promise<DisabilityCertificate | null> {
    return loaders.disabilityByPerson.load(person.id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Holds a 残疾人证 that has not expired' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  async hasDisability(@Root() person: Person, @Ctx() { loaders }: CivilAffairsContext): Promise<boolean> {
    const certificate = await loaders.disabilityByPerson.load(person.id);
    return !!certificate && (certificate.validUntil === null || certificate.validUntil >= chinaClock().date);
  }

  @FieldResolver(() => [IncomeDeclaration], { nullable: true, description: 'Declared monthly incomes, newest month first' })
  @Directive(REQUIRES_ACCESS_SCOPE)
  incomeDeclarations(@Root() person: Person, @Ctx() { loaders }: CivilAffairsContext): Promise<IncomeDeclaration[]> {
    return loaders.incomeByPerson.load(person.id);
  }
}
