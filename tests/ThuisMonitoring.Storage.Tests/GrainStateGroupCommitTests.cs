using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Counter = ThuisMonitoring.Storage.Tests.GrainStorageContract.Counter;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Grain state is group-committed: many grains saving at once all land, and etag conflicts still hold inside a batch.</summary>
public sealed class GrainStateGroupCommitTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task Two_thousand_grains_saving_at_once_are_all_stored_and_read_back_after_a_restart()
    {
        var grains = Enumerable.Range(0, 2000).Select(i => GrainId.Create("patient", $"p-{i:D4}")).ToList();
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            await Task.WhenAll(grains.Select((g, i) => stores.GrainStorage.WriteStateAsync("counter", g, new GrainState<Counter>(new Counter(i)))));
            await Task.WhenAll(grains.Select((g, i) => Rewrite(stores.GrainStorage, g, i)));
        }

        await using var restarted = await EmbeddedStores.OpenAsync(_data.Path);
        for (var i = 0; i < grains.Count; i += 97)
        {
            var read = new GrainState<Counter>();
            await restarted.GrainStorage.ReadStateAsync("counter", grains[i], read);
            read.State.Should().Be(new Counter(i + 10_000));
            read.ETag.Should().Be("2");
        }
    }

    [Fact]
    public async Task Of_two_writes_with_the_same_etag_queued_together_one_lands_and_the_other_is_a_conflict()
    {
        var grain = GrainId.Create("patient", "p-conflict");
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);
        var first = new GrainState<Counter>(new Counter(1));
        await stores.GrainStorage.WriteStateAsync("counter", grain, first);
        var a = new GrainState<Counter>(new Counter(2)) { ETag = first.ETag };
        var b = new GrainState<Counter>(new Counter(3)) { ETag = first.ETag };

        var writes = new[] { stores.GrainStorage.WriteStateAsync("counter", grain, a), stores.GrainStorage.WriteStateAsync("counter", grain, b) };
        var outcome = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return "stored";
            }
            catch (InconsistentStateException)
            {
                return "conflict";
            }
        }));

        outcome.Should().BeEquivalentTo(["stored", "conflict"]);
    }

    private static async Task Rewrite(IGrainStorage storage, GrainId grain, int i)
    {
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync("counter", grain, state);
        state.State = new Counter(i + 10_000);
        await storage.WriteStateAsync("counter", grain, state);
    }

    public void Dispose() => _data.Dispose();
}
