using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace ThuisMonitoring.Storage.Reminders;

public static class EmbeddedRemindersExtensions
{
    /// <summary>The reminder file in the data directory.</summary>
    public const string FileName = "reminders.db";

    /// <summary>
    /// Durable Orleans reminders on <c>{dataDirectory}/reminders.db</c>: grains that registered a reminder are woken
    /// by it after deactivation and after a silo restart.
    /// </summary>
    public static ISiloBuilder AddEmbeddedReminders(this ISiloBuilder silo, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        silo.AddReminders();
        var path = Path.Combine(dataDirectory, FileName);
        silo.Services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(path, sp.GetRequiredService<ILogger<SqliteReminderTable>>()));
        return silo;
    }
}
