package io.metalstack.peering.server;

import org.junit.jupiter.api.Nested;

/**
 * The metal-api integration suite: a real server on port 0 over a real database, started once per suite run and shared
 * by the contracts of every concern (the nested classes). Run against H2 ({@link H2MetalApiIT}) and PostgreSQL
 * ({@link PostgresMetalApiIT}); each run's report is named after its database's class. Every peering rule and every role
 * is asserted with status code and message.
 */
abstract class MetalApiSuite extends ServerSuite {

    @Nested
    class Networks extends NetworkContract {
        Networks() {
            super(fixture());
        }
    }

    @Nested
    class PeeringRules extends PeeringRulesContract {
        PeeringRules() {
            super(fixture());
        }
    }

    @Nested
    class DisabledPeerings extends DisabledPeeringContract {
        DisabledPeerings() {
            super(fixture());
        }
    }

    @Nested
    class Approvals extends ApprovalContract {
        Approvals() {
            super(fixture());
        }
    }

    @Nested
    class DryRuns extends DryRunContract {
        DryRuns() {
            super(fixture());
        }
    }

    @Nested
    class SelectiveExchange extends SelectiveExchangeContract {
        SelectiveExchange() {
            super(fixture());
        }
    }

    @Nested
    class ExternalPeerings extends ExternalPeeringContract {
        ExternalPeerings() {
            super(fixture());
        }
    }

    @Nested
    class AutoPeerings extends AutoPeeringContract {
        AutoPeerings() {
            super(fixture());
        }
    }

    @Nested
    class Authorization extends AuthorizationContract {
        Authorization() {
            super(fixture());
        }
    }

    @Nested
    class Http extends HttpContract {
        Http() {
            super(fixture());
        }
    }

    @Nested
    class Consistency extends ConsistencyContract {
        Consistency() {
            super(fixture());
        }
    }

    @Nested
    class Events extends EventContract {
        Events() {
            super(fixture());
        }
    }

    @Nested
    class Paging extends PagingContract {
        Paging() {
            super(fixture());
        }
    }
}
