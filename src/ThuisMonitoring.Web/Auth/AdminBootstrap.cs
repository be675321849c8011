using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Logins;

namespace ThuisMonitoring.Web.Auth;

/// <summary>On first start with an empty user store, creates user <c>admin</c> (password from Auth:AdminPassword, or generated and logged once).</summary>
public sealed class AdminBootstrap(IUserDirectory users, AuthOptions options, TimeProvider clock, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var password = options.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        }

        if (PasswordPolicy.Check(password, "admin") is { } weak)
        {
            throw new InvalidOperationException($"Auth:AdminPassword is refused by the password policy: {weak.Reason}");
        }

        var admin = new UserAccount("admin", PasswordHash.Create(password!), Roles.Admin, "Beheerder", null, clock.GetUtcNow());
        await users.TryAddAsync(admin, cancellationToken);
        if (generated)
        {
            logger.LogWarning("Created user admin with generated password {AdminPassword}; it is shown only this once", password);
        }
        else
        {
            logger.LogInformation("Created user admin with the configured password");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
