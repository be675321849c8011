using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 9: patient data is readable by the service account only. The data directory is 0700 and every file in it
/// (SQLite databases with their -wal/-shm files, the signing key, ...) 0600, also what an older version left behind.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryModeTests(ITestOutputHelper output)
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Every_file_and_directory_the_host_writes_is_private_to_its_user()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("thuismonitoring-modes-").FullName;
        var host = await HostProcess.StartAsync(dataDirectory);
        try
        {
            using var ward = await Ward.OpenAsync(host);
            var patient = await ward.AdmitAsync();
            var messageId = Measurement.NewMessageId();
            var run = await new MosquittoClients(host.MqttPort).PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
                patient.Device.MeasurementsTopic, Measurement.Green(messageId));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            await ward.LastMeasurementIsAsync(patient.PatientId, messageId);
            (await ward.SignInAsync(patient.Clinician)).Dispose();

            var entries = ModesUnder(dataDirectory);
            entries.Keys.Should().Contain(["measurements.db", "measurements.db-wal", "thuismonitoring.db-wal", "auth-signing.key", "data-protection-keys"]);
            AssertPrivate(dataDirectory, entries);
        }
        finally
        {
            await host.DisposeAsync();
            HostLog.WriteAll(host, output);
        }

        // Stopped: what the host wrote last (checkpoints, closing the stores) is private too.
        AssertPrivate(dataDirectory, ModesUnder(dataDirectory));
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_data_directory_of_an_older_version_is_tightened_at_start()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("thuismonitoring-old-modes-").FullName;
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var openDirectory = open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(dataDirectory, openDirectory);
        var quarantine = Directory.CreateDirectory(Path.Combine(dataDirectory, "influx-quarantine"));
        File.SetUnixFileMode(quarantine.FullName, openDirectory);
        foreach (var file in new[] { "auth-signing.key", Path.Combine("influx-quarantine", "2026-01-01.lp") })
        {
            var path = Path.Combine(dataDirectory, file);
            await File.WriteAllBytesAsync(path, new byte[64]);
            File.SetUnixFileMode(path, open);
        }

        var host = await HostProcess.StartAsync(dataDirectory);
        try
        {
            AssertPrivate(dataDirectory, ModesUnder(dataDirectory));
        }
        finally
        {
            await host.DisposeAsync();
            HostLog.WriteAll(host, output);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Dictionary<string, UnixFileMode> ModesUnder(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .ToDictionary(e => Path.GetRelativePath(directory, e.FullName), e => e.UnixFileMode);

    private static void AssertPrivate(string directory, Dictionary<string, UnixFileMode> entries)
    {
        File.GetUnixFileMode(directory).Should().Be(PrivateDirectory, $"the data directory {directory} is 0700");
        foreach (var (path, mode) in entries)
        {
            var expected = Directory.Exists(Path.Combine(directory, path)) ? PrivateDirectory : PrivateFile;
            mode.Should().Be(expected, $"{path} must be readable by the host's user only");
        }
    }
}
