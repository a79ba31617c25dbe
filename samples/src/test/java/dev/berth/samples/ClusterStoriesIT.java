package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.NodeRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The multi-node stories, on the local Swarm of scripts/cluster.sh. */
class ClusterStoriesIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    @Test
    void redisFollowsItsDataFromZoneAToZoneBKeepingItsCount() {
        StoryOutput out = new StoryOutput();

        boolean survived = new FollowTheData().run(engine.berth(), engine.name("follow"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("Counted 5 visits on zone a", "checked every file's checksum on zone b",
                "The count went on at 6 on zone b", "with 0 bytes copied", "the count went on at 4");
    }

    @Test
    void aWebCounterAndItsRedisMoveToZoneBKeepingTheCount() {
        StoryOutput out = new StoryOutput();

        boolean survived = new AppMovesWithItsData().run(engine.berth(), engine.name("flocker"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("This page has been seen 3 times", "files copied and verified",
                "This page has been seen 4 times");
    }

    @Test
    void aPostgresStandbyPlacedByLabelStreamsThePrimaryAndIsPromotedWhenItDies() {
        StoryOutput out = new StoryOutput();

        boolean survived = new PrimaryAndStandby().run(engine.berth(), engine.name("replicas"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("streamed to the standby: it has 4", "without copying the primary again",
                "committed a fifth order");
    }

    @Test
    void redisPinnedToTheManagerFindsItsDataAfterEveryRedeploy() {
        StoryOutput out = new StoryOutput();

        boolean survived = new PinnedToTheManager().run(engine.berth(), engine.name("pinned"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("(" + NodeRole.MANAGER + ")", "after three redeploys");
    }

    @Test
    void manyWritersOnOneSharedVolumeAcrossTwoNodesAndAReaderSeesThemAll() {
        StoryOutput out = new StoryOutput();

        boolean survived = new SharedWriters().run(engine.berth(), engine.name("writers"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("driver rclone, GLOBAL, MULTI_WRITER", "restart=always brings it back",
                "numbered on without a gap");
    }

    @Test
    void aPostgresThatIsNotRootOnSharedStorageFailsOverWhenItsNodeIsLostAndRunsOnceWhenItReturns() {
        StoryOutput out = new StoryOutput();

        boolean survived = new PostgresOnSharedStorage().run(engine.berth(), engine.name("shared-pg"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("PostgreSQL runs as uid 999", "with 0 bytes copied", "has 4 orders",
                "Berth refused a second server");
    }

    @Test
    void whenThePrimarysNodeIsLostTheStandbyFurthestAheadTakesOverAndTheOthersFollowIt() {
        StoryOutput out = new StoryOutput();

        boolean survived = new StandbysTakeOver().run(engine.berth(), engine.name("standbys"), out.stream());

        assertThat(survived).as(out.text()).isTrue();
        assertThat(out.text()).contains("[3 orders, 3 orders]", "was promoted", "have [4, 4] orders",
                "and stays so");
    }
}
