using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The register of handovers of responsibility, for the embedded file and for the cluster's PostgreSQL: by receiver
/// and sender (the inbox), by patient, across a restart.
/// </summary>
public abstract class CareHandoverRegisterContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task A_handover_is_found_by_its_receiver_while_pending_and_keeps_its_decision_after_a_restart()
    {
        var requested = new CareHandover("h-1", "longarts", "huisarts", "Stabiel", Ward.MorningRound);
        var record = new CareHandoverRecord("p-001", requested, """{"name":"Jan"}""");
        await using (var stores = await OpenAsync())
        {
            await stores.Handovers.SaveAsync(record, default);
            await stores.Handovers.SaveAsync(new CareHandoverRecord("p-002", new CareHandover("h-2", "longarts", "andere", null, Ward.MorningRound.AddHours(1)), "{}"), default);

            (await stores.Handovers.ListForClinicianAsync("HUISARTS", pendingOnly: true, default)).Should().ContainSingle().Which.Should().BeEquivalentTo(record);
            (await stores.Handovers.ListForClinicianAsync("longarts", pendingOnly: false, default)).Select(h => h.Handover.HandoverId).Should().Equal("h-2", "h-1");

            var accepted = record with { Handover = requested with { Status = CareHandoverStatus.Accepted, DecidedAt = Ward.MorningRound.AddHours(2), DecisionNote = "Akkoord" } };
            await stores.Handovers.SaveAsync(accepted, default);
        }

        await using var restarted = await OpenAsync();
        (await restarted.Handovers.ListForClinicianAsync("huisarts", pendingOnly: true, default)).Should().BeEmpty();
        var stored = await restarted.Handovers.GetAsync("h-1", default);
        stored!.Handover.Status.Should().Be(CareHandoverStatus.Accepted);
        stored.Handover.DecisionNote.Should().Be("Akkoord");
        stored.Handover.DecidedAt.Should().Be(Ward.MorningRound.AddHours(2));
        stored.SummaryJson.Should().Be("""{"name":"Jan"}""");
        (await restarted.Handovers.ListForPatientAsync("p-001", default)).Should().ContainSingle();
    }

    [Fact]
    public async Task Usernames_match_whatever_their_ASCII_case_and_unknown_handovers_are_not_found()
    {
        await using var stores = await OpenAsync();
        await stores.Handovers.SaveAsync(new CareHandoverRecord("p-001", new CareHandover("h-1", "Dr.Bakker", "Huisarts.Visser", null, Ward.MorningRound), "{}"), default);

        (await stores.Handovers.ListForClinicianAsync("dr.bakker", pendingOnly: true, default)).Should().ContainSingle();
        (await stores.Handovers.ListForClinicianAsync("HUISARTS.VISSER", pendingOnly: false, default)).Should().ContainSingle()
            .Which.Handover.To.Should().Be("Huisarts.Visser", "the record keeps the username as written");
        (await stores.Handovers.ListForClinicianAsync("iemand", pendingOnly: false, default)).Should().BeEmpty();
        (await stores.Handovers.GetAsync("h-unknown", default)).Should().BeNull();
        (await stores.Handovers.ListForPatientAsync("p-002", default)).Should().BeEmpty();
    }

    // Erasing a patient removes their handovers: the summary names the patient.
    [Fact]
    public async Task Erasing_a_patient_removes_their_handovers()
    {
        await using var stores = await OpenAsync();
        await stores.Handovers.SaveAsync(new CareHandoverRecord("p-001", new CareHandover("h-1", "longarts", "huisarts", null, Ward.MorningRound), """{"name":"Jan"}"""), default);
        await stores.Handovers.SaveAsync(new CareHandoverRecord("p-002", new CareHandover("h-2", "longarts", "huisarts", null, Ward.MorningRound), "{}"), default);

        await PatientErasure.DirectoryOf(stores).EraseAsync("p-001", default);

        (await stores.Handovers.ListForClinicianAsync("huisarts", pendingOnly: false, default)).Select(h => h.PatientId).Should().Equal("p-002");
    }
}

public sealed class SqliteCareHandoverRegisterTests() : CareHandoverRegisterContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresCareHandoverRegisterTests(PostgresCluster cluster) : CareHandoverRegisterContract(new PostgresSite(cluster));
