using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceExcellence.BrowserTests.Support;

/// <summary>
/// The real app on Kestrel at http://127.0.0.1 on a free port, with the demo company seeded into its own
/// temporary SQLite file. Cookies are not marked Secure because the browser talks plain http to loopback.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"se-browser-{Guid.NewGuid():N}.db");

    /// <summary>Starts the app and returns the address it listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ServiceExcellence", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Security:SecureCookies", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Observability:JsonLogs", "false");
        // The tests sign in a person dozens of times a minute, all from 127.0.0.1.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        // Survey emails stay in the outbox: nothing leaves the machine, and the tests mint their own links.
        builder.UseSetting("Email:Dispatcher:Enabled", "false");
        builder.UseSetting("Webhooks:Dispatcher:Enabled", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
