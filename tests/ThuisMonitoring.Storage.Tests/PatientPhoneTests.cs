using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Tests;

public sealed class PatientPhoneTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task A_patient_phone_number_reads_back()
    {
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);

        await stores.Patients.AddAsync(Ward.Patient() with { Phone = "+31 6 1234 5678" }, default);

        (await stores.Patients.GetAsync("p-001", default))!.Phone.Should().Be("+31 6 1234 5678");
    }

    [Fact]
    public async Task A_patient_stored_before_phone_numbers_existed_reads_with_no_phone()
    {
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            await stores.Patients.AddAsync(Ward.Patient(), default);
        }

        // The document exactly as the previous version wrote it: no "phone" field at all.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, EmbeddedStoreOptions.DirectoryFileName)}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE patients SET document = json_remove(document, '$.phone');";
            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }

        SqliteConnection.ClearAllPools();
        await using var reopened = await EmbeddedStores.OpenAsync(_data.Path);

        var patient = await reopened.Patients.GetAsync("p-001", default);
        patient.Should().Be(Ward.Patient());
        patient!.Phone.Should().BeNull();
    }

    public void Dispose() => _data.Dispose();
}
