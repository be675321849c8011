namespace ThuisMonitoring.Storage.Tests;

/// <summary>What the patient directory promises, for the embedded file and for the cluster's PostgreSQL.</summary>
public abstract class PatientDirectoryContract(IStoreSite site) : StoreContract(site)
{

    [Fact]
    public async Task An_added_patient_reads_back_whole_birth_date_and_pathway_included()
    {
        await using var stores = await OpenAsync();
        var patient = Ward.Patient();

        await stores.Patients.AddAsync(patient, default);

        (await stores.Patients.GetAsync("p-001", default)).Should().Be(patient);
    }

    [Fact]
    public async Task Patients_are_listed_in_order_of_enrolment()
    {
        await using var stores = await OpenAsync();
        var later = Ward.Patient("p-b", Ward.MorningRound);
        var earlier = Ward.Patient("p-a", Ward.MorningRound.AddHours(-1));
        var earliestInOtherZone = Ward.Patient("p-c", new DateTimeOffset(2024, 10, 14, 5, 0, 0, TimeSpan.Zero));

        await stores.Patients.AddAsync(later, default);
        await stores.Patients.AddAsync(earlier, default);
        await stores.Patients.AddAsync(earliestInOtherZone, default);

        (await stores.Patients.ListAsync(default)).Should().Equal(earliestInOtherZone, earlier, later);
    }

    [Fact]
    public async Task Adding_a_patient_again_replaces_the_record()
    {
        await using var stores = await OpenAsync();
        await stores.Patients.AddAsync(Ward.Patient(), default);

        await stores.Patients.AddAsync(Ward.Patient() with { ResponsibleClinician = "dr.visser" }, default);

        (await stores.Patients.ListAsync(default)).Should().ContainSingle().Which.ResponsibleClinician.Should().Be("dr.visser");
    }

    [Fact]
    public async Task A_list_read_before_changes_shows_them_after_an_enrolment_a_replaced_record_and_an_erasure()
    {
        await using var stores = await OpenAsync();
        await stores.Patients.AddAsync(Ward.Patient("p-001", Ward.MorningRound), default);
        await stores.Patients.AddAsync(Ward.Patient("p-002", Ward.MorningRound.AddMinutes(1)), default);
        (await stores.Patients.ListAsync(default)).Select(p => p.PatientId).Should().Equal("p-001", "p-002");

        var enrolled = Ward.Patient("p-003", Ward.MorningRound.AddMinutes(-1));
        await stores.Patients.AddAsync(enrolled, default);
        await stores.Patients.AddAsync(Ward.Patient("p-002", Ward.MorningRound.AddMinutes(1)) with { ResponsibleClinician = "dr.visser" }, default);
        await PatientErasure.DirectoryOf(stores).EraseAsync("p-001", default);

        var listed = await stores.Patients.ListAsync(default);
        listed.Select(p => p.PatientId).Should().Equal("p-003", "p-002");
        listed[0].Should().Be(enrolled);
        listed[1].ResponsibleClinician.Should().Be("dr.visser");
        (await stores.Patients.GetAsync("p-001", default)).Should().BeNull("the erased patient's record is gone from the list and from a single read");
        (await stores.Patients.GetAsync("p-002", default))!.ResponsibleClinician.Should().Be("dr.visser");
    }

    [Fact]
    public async Task An_unknown_patient_is_null()
    {
        await using var stores = await OpenAsync();

        (await stores.Patients.GetAsync("p-404", default)).Should().BeNull();
    }
}

public sealed class SqlitePatientDirectoryTests() : PatientDirectoryContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresPatientDirectoryTests(PostgresCluster cluster) : PatientDirectoryContract(new PostgresSite(cluster));
