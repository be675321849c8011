namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>The embedded measurement store read as the forwarder's durable queue.</summary>
public sealed class MeasurementJournalTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task Every_stored_measurement_gets_a_higher_sequence_in_the_order_it_was_stored()
    {
        await using var site = await Site.OpenAsync(_data.Path);
        var stored = Enumerable.Range(0, 50).Select(n => Ward.Oximeter("p1", n)).ToList();
        await Ward.StoreAsync(site.Measurements, stored);

        var read = await site.Journal.ReadAfterAsync(0, 1000, CancellationToken.None);

        read.Select(r => r.Stored).Should().Equal(stored);
        read.Select(r => r.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Reading_after_a_sequence_resumes_exactly_there_and_respects_the_limit()
    {
        await using var site = await Site.OpenAsync(_data.Path);
        await Ward.StoreAsync(site.Measurements, Enumerable.Range(0, 30).Select(n => Ward.Oximeter("p1", n)));
        var all = await site.Journal.ReadAfterAsync(0, 1000, CancellationToken.None);

        var page = await site.Journal.ReadAfterAsync(all[9].Sequence, 5, CancellationToken.None);

        page.Should().Equal(all.Skip(10).Take(5));
        (await site.Journal.CountAfterAsync(all[9].Sequence, CancellationToken.None)).Should().Be(20);
        (await site.Journal.ReadAfterAsync(all[^1].Sequence, 5, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_duplicate_takes_no_sequence()
    {
        await using var site = await Site.OpenAsync(_data.Path);
        await Ward.StoreAsync(site.Measurements, [Ward.Oximeter("p1", 1)]);

        (await site.Measurements.AppendAsync(Ward.Oximeter("p1", 1), CancellationToken.None)).Should().BeFalse();

        (await site.Journal.CountAfterAsync(0, CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task Sequences_go_on_growing_after_a_restart()
    {
        long before;
        await using (var site = await Site.OpenAsync(_data.Path))
        {
            await Ward.StoreAsync(site.Measurements, Enumerable.Range(0, 10).Select(n => Ward.Oximeter("p1", n)));
            before = (await site.Journal.ReadAfterAsync(0, 100, CancellationToken.None))[^1].Sequence;
        }

        await using var reopened = await Site.OpenAsync(_data.Path);
        await Ward.StoreAsync(reopened.Measurements, [Ward.Oximeter("p1", 10)]);

        var after = await reopened.Journal.ReadAfterAsync(before, 100, CancellationToken.None);
        after.Should().ContainSingle().Which.Stored.Should().Be(Ward.Oximeter("p1", 10));
    }

    public void Dispose() => _data.Dispose();
}
