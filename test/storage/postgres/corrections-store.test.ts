import { createPostgresCorrectionsStore } from '../../../storage/postgres/corrections-store.js';
import type { Database } from '../../../storage/postgres/database.js';
import { describeCorrectionsStoreContract } from '../../bot/corrections-store-contract.js';
import { usePostgres } from '../../helpers/postgres.js';

describe('PostgreSQL corrections', () => {
  const pg = usePostgres();
  /** Two pools, as two instances of the bot would hold. */
  let pools: Database[];
  before(async () => {
    pools = [pg.db, await pg.open()];
  });
  beforeEach(() => pg.db.query('TRUNCATE corrections'));

  describeCorrectionsStoreContract('PostgreSQL corrections store', () => {
    let opened = 0;
    return {
      concurrentInstances: true,
      open: async (options) => createPostgresCorrectionsStore(pools[opened++ % pools.length]!, options),
    };
  });
});
