using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The register of handovers of responsibility: by receiver and sender (the inbox), by patient, across a restart.</summary>
public sealed class CareHandoverRegisterTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task A_handover_is_found_by_its_receiver_while_pending_and_keeps_its_decision_after_a_restart()
    {
        var requested = new CareHandover("h-1", "longarts", "huisarts", "Stabiel", Ward.MorningRound);
        var record = new CareHandoverRecord("p-001", requested, """{"name":"Jan"}""");
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            await stores.Handovers.SaveAsync(record, default);
            await stores.Handovers.SaveAsync(new CareHandoverRecord("p-002", new CareHandover("h-2", "longarts", "andere", null, Ward.MorningRound.AddHours(1)), "{}"), default);

            (await stores.Handovers.ListForClinicianAsync("HUISARTS", pendingOnly: true, default)).Should().ContainSingle().Which.Should().BeEquivalentTo(record);
            (await stores.Handovers.ListForClinicianAsync("longarts", pendingOnly: false, default)).Select(h => h.Handover.HandoverId).Should().Equal("h-2", "h-1");

            var accepted = record with { Handover = requested with { Status = CareHandoverStatus.Accepted, DecidedAt = Ward.MorningRound.AddHours(2), DecisionNote = "Akkoord" } };
            await stores.Handovers.SaveAsync(accepted, default);
        }

        await using var restarted = await EmbeddedStores.OpenAsync(_data.Path);
        (await restarted.Handovers.ListForClinicianAsync("huisarts", pendingOnly: true, default)).Should().BeEmpty();
        var stored = await restarted.Handovers.GetAsync("h-1", default);
        stored!.Handover.Status.Should().Be(CareHandoverStatus.Accepted);
        stored.Handover.DecisionNote.Should().Be("Akkoord");
        stored.SummaryJson.Should().Be("""{"name":"Jan"}""");
        (await restarted.Handovers.ListForPatientAsync("p-001", default)).Should().ContainSingle();
    }

    public void Dispose() => _data.Dispose();
}
