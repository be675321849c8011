using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// What the patient grain relies on of its grain storage, for each implementation: the embedded SQLite file and the
/// cluster's PostgreSQL database. <see cref="OpenAsync"/> again is a restart (or another silo) on the same data.
/// </summary>
public abstract class GrainStorageContract
{
    private static readonly GrainId Patient = GrainId.Create("patient", "p-001");

    protected abstract Task<GrainStorageSession> OpenAsync();

    [Fact]
    public async Task An_episode_with_alerts_survives_a_restart_member_for_member()
    {
        var episode = Ward.EpisodeWithAlerts();
        episode.Alerts.Should().Contain(a => a.Status == AlertStatus.Acknowledged, "the sample must exercise a real alert workflow");
        await using (var stores = await OpenAsync())
        {
            await stores.GrainStorage.WriteStateAsync("episode", Patient, new GrainState<EpisodeSnapshot?>(episode));
        }

        await using var restarted = await OpenAsync();
        var read = new GrainState<EpisodeSnapshot?>();
        await restarted.GrainStorage.ReadStateAsync("episode", Patient, read);

        read.RecordExists.Should().BeTrue();
        read.ETag.Should().NotBeNull();
        read.State.Should().BeEquivalentTo(episode, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        read.State!.Alerts.Select(a => a.RaisedAt.Offset).Should().OnlyContain(offset => offset == Ward.Amsterdam);
    }

    [Fact]
    public async Task A_state_record_with_a_parameterless_constructor_wrapping_the_episode_round_trips()
    {
        var episode = Ward.EpisodeWithAlerts();
        await using (var stores = await OpenAsync())
        {
            await stores.GrainStorage.WriteStateAsync("episode", Patient, new GrainState<EpisodeHolder>(new EpisodeHolder(episode)));
        }

        await using var restarted = await OpenAsync();
        var read = new GrainState<EpisodeHolder>(new EpisodeHolder());
        await restarted.GrainStorage.ReadStateAsync("episode", Patient, read);

        read.State!.Snapshot.Should().BeEquivalentTo(episode, o => o.ComparingRecordsByMembers().WithStrictOrdering());
    }

    [Fact]
    public async Task A_grain_without_stored_state_keeps_its_fresh_state_and_has_no_record()
    {
        await using var stores = await OpenAsync();
        var fresh = new GrainState<Counter>(new Counter(7));

        await stores.GrainStorage.ReadStateAsync("counter", Patient, fresh);

        fresh.RecordExists.Should().BeFalse();
        fresh.ETag.Should().BeNull();
        fresh.State.Should().Be(new Counter(7));
    }

    [Fact]
    public async Task Each_write_issues_a_new_etag_that_the_next_write_must_present()
    {
        await using var stores = await OpenAsync();
        var state = new GrainState<Counter>(new Counter(1));
        await stores.GrainStorage.WriteStateAsync("counter", Patient, state);
        var first = state.ETag;

        state.State = new Counter(2);
        await stores.GrainStorage.WriteStateAsync("counter", Patient, state);

        state.ETag.Should().NotBe(first);
        var read = new GrainState<Counter>();
        await stores.GrainStorage.ReadStateAsync("counter", Patient, read);
        read.State.Should().Be(new Counter(2));
        read.ETag.Should().Be(state.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_as_inconsistent()
    {
        await using var stores = await OpenAsync();
        var mine = new GrainState<Counter>(new Counter(1));
        await stores.GrainStorage.WriteStateAsync("counter", Patient, mine);
        var theirs = new GrainState<Counter>(new Counter(5), mine.ETag);
        await stores.GrainStorage.WriteStateAsync("counter", Patient, theirs);

        var write = () => stores.GrainStorage.WriteStateAsync("counter", Patient, mine);

        await write.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task A_first_write_over_an_existing_record_is_refused_as_inconsistent()
    {
        await using var stores = await OpenAsync();
        await stores.GrainStorage.WriteStateAsync("counter", Patient, new GrainState<Counter>(new Counter(1)));

        var write = () => stores.GrainStorage.WriteStateAsync("counter", Patient, new GrainState<Counter>(new Counter(2)));

        await write.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task A_cleared_state_reads_as_no_record_and_refuses_an_etag_from_before_the_clear()
    {
        await using var stores = await OpenAsync();
        var state = new GrainState<Counter>(new Counter(1));
        await stores.GrainStorage.WriteStateAsync("counter", Patient, state);
        var beforeClear = state.ETag;

        await stores.GrainStorage.ClearStateAsync("counter", Patient, state);

        var read = new GrainState<Counter>(new Counter(0));
        await stores.GrainStorage.ReadStateAsync("counter", Patient, read);
        read.RecordExists.Should().BeFalse();
        read.State.Should().Be(new Counter(0));
        var staleWrite = () => stores.GrainStorage.WriteStateAsync("counter", Patient, new GrainState<Counter>(new Counter(9), beforeClear));
        await staleWrite.Should().ThrowAsync<InconsistentStateException>();
        state.State = new Counter(3);
        await stores.GrainStorage.WriteStateAsync("counter", Patient, state);
        state.RecordExists.Should().BeTrue();
    }

    [Fact]
    public async Task State_names_and_grains_are_kept_apart()
    {
        await using var stores = await OpenAsync();
        var other = GrainId.Create("patient", "p-002");
        await stores.GrainStorage.WriteStateAsync("counter", Patient, new GrainState<Counter>(new Counter(1)));
        await stores.GrainStorage.WriteStateAsync("counter", other, new GrainState<Counter>(new Counter(2)));
        await stores.GrainStorage.WriteStateAsync("tally", Patient, new GrainState<Counter>(new Counter(3)));

        var read = new GrainState<Counter>();
        await stores.GrainStorage.ReadStateAsync("counter", other, read);

        read.State.Should().Be(new Counter(2));
    }

    public sealed record Counter(int Value);

    /// <summary>Shaped like the patient grain's state: a positional record that Orleans can also create empty.</summary>
    public sealed record EpisodeHolder(EpisodeSnapshot? Snapshot)
    {
        public EpisodeHolder()
            : this((EpisodeSnapshot?)null)
        {
        }
    }
}

/// <summary>A grain storage opened on some data; disposing it is a shutdown.</summary>
public sealed class GrainStorageSession(IGrainStorage storage, Func<ValueTask> close) : IAsyncDisposable
{
    public IGrainStorage GrainStorage { get; } = storage;

    public ValueTask DisposeAsync() => close();
}

/// <summary>The embedded grain storage (grain-state.db under the data directory).</summary>
public sealed class SqliteGrainStorageTests : GrainStorageContract, IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    protected override async Task<GrainStorageSession> OpenAsync()
    {
        var stores = await EmbeddedStores.OpenAsync(_data.Path);
        return new GrainStorageSession(stores.GrainStorage, stores.DisposeAsync);
    }

    public void Dispose() => _data.Dispose();
}

/// <summary>The cluster's grain storage on PostgreSQL; a second open is another silo on the same database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresCluster cluster) : GrainStorageContract, IAsyncLifetime
{
    private PostgreSql.PostgresDatabase? _database;

    public async Task InitializeAsync() => _database = await cluster.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override Task<GrainStorageSession> OpenAsync() =>
        Task.FromResult(new GrainStorageSession(
            new PostgreSql.Orleans.PostgresGrainStorage("patients", _database!, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgreSql.Orleans.PostgresGrainStorage>.Instance),
            () => ValueTask.CompletedTask));
}
