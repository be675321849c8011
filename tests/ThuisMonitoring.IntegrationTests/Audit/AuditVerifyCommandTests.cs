using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>
/// <c>dotnet ThuisMonitoring.Host.dll audit verify --Data:Directory=...</c> run as a process on the audit file a real
/// host wrote: an untouched chain verifies; one column changed directly in the SQLite file is reported by record id.
/// </summary>
public sealed class AuditVerifyCommandTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("thuismonitoring-audit-").FullName;

    [Fact]
    public async Task An_untouched_chain_verifies_and_a_changed_record_is_named()
    {
        await WriteSomeRecordsAsync();

        var intact = await VerifyAsync();
        intact.ExitCode.Should().Be(0, intact.Output);
        intact.Output.Should().MatchRegex(@"audit chain intact: \d+ records");
        var count = long.Parse(System.Text.RegularExpressions.Regex.Match(intact.Output, @"intact: (\d+) records").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        count.Should().BeGreaterThan(3);

        Tamper("UPDATE audit_records SET actor = 'iemand.anders' WHERE id = 3;");

        var broken = await VerifyAsync();
        broken.ExitCode.Should().Be(1, broken.Output);
        broken.Output.Should().Contain("BROKEN at record 3");
    }

    [Fact]
    public async Task A_deleted_record_is_named()
    {
        await WriteSomeRecordsAsync();

        Tamper("DELETE FROM audit_records WHERE id = 2;");

        var broken = await VerifyAsync();
        broken.ExitCode.Should().Be(1, broken.Output);
        broken.Output.Should().Contain("BROKEN at record 2").And.Contain("missing");
    }

    [Fact]
    public async Task A_directory_without_an_audit_file_is_an_error_not_an_intact_chain()
    {
        var missing = await VerifyAsync();

        missing.ExitCode.Should().Be(2);
        missing.Output.Should().Contain("no audit trail at");
        File.Exists(Path.Combine(_data, "audit.db")).Should().BeFalse();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }

        return Task.CompletedTask;
    }

    /// <summary>A real host enrols, binds and reads a patient, then stops.</summary>
    private async Task WriteSomeRecordsAsync()
    {
        await using var host = await HostProcess.StartAsync(_data);
        using var ward = await Ward.OpenAsync(host);
        var patient = await ward.AdmitAsync();
        for (var i = 0; i < 3; i++)
        {
            using var read = await ward.Admin.GetAsync($"/api/patients/{patient.PatientId}");
            await Ward.ExpectAsync(read, HttpStatusCode.OK);
        }

        await host.StopAsync();
    }

    /// <summary>What someone with access to the file could do: drop the append-only triggers and edit a row.</summary>
    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_data, "audit.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete; " + sql;
        command.ExecuteNonQuery();
    }

    private async Task<(int ExitCode, string Output)> VerifyAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostProcess.HostAssembly, "audit", "verify", $"--Data:Directory={_data}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
