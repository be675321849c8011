using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.Storage.Audit;

namespace ThuisMonitoring.Host.Audit;

/// <summary>
/// <c>dotnet ThuisMonitoring.Host.dll audit verify [--Data:Directory=...]</c>: walks the audit chain in the data
/// directory (read-only; the host may be running) and exits 0 when it is intact, 1 naming the first broken record,
/// 2 when there is no audit file or the arguments are wrong. The data directory is configured as for the host
/// (appsettings.json, environment, command line).
/// </summary>
public static class AuditCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "audit";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] != "verify")
        {
            await Console.Error.WriteLineAsync("usage: ThuisMonitoring.Host audit verify [--Data:Directory=<path>]");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[2..])
            .Build();
        var dataDirectory = SiteOptions.From(configuration).DataDirectory;
        var verification = await AuditTrailFile.VerifyAsync(dataDirectory, CancellationToken.None);
        if (verification is null)
        {
            await Console.Error.WriteLineAsync($"no audit trail at {AuditTrailFile.PathIn(dataDirectory)}");
            return 2;
        }

        if (verification.Intact)
        {
            Console.WriteLine($"audit chain intact: {verification.Records} records (last hash {verification.LastHash})");
            return 0;
        }

        Console.WriteLine($"audit chain BROKEN at record {verification.FirstBrokenId}: {verification.Reason}; {verification.Records} records before it are intact");
        return 1;
    }
}
