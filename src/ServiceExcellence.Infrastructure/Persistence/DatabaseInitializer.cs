using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Infrastructure.Insight;
using ServiceExcellence.Infrastructure.Seeding;

namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>Brings the database up to date at start-up and, when enabled, seeds the demo company into an empty one.</summary>
public static class DatabaseInitializer
{
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        if (options.MigrateOnStartup)
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers work while one writer writes; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // Lets SQLite gather the statistics its query planner needs as the data grows.
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
            }

            await scope.ServiceProvider.GetRequiredService<RoleSeeder>().SeedAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<AlertRuleSeeder>().SeedAsync(cancellationToken);
            logger.LogInformation("Database is up to date ({Provider})", options.Provider);
        }

        if (options.SeedDemoData)
        {
            if (!scope.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                logger.LogWarning("Demo data is on outside Development: its sign-ins and API key are published in the README. Never on a server others can reach (Database:SeedDemoData=false)");
            }

            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
        }

        // Rollups are derived data: an upgraded database (or the demo seed, saved in bulk) gets them built once here.
        var rollups = scope.ServiceProvider.GetRequiredService<InsightRollups>();
        if (options.RebuildInsightOnStartup || (options.MigrateOnStartup && await rollups.NeedsRebuildAsync(cancellationToken)))
        {
            await rollups.RebuildAsync(cancellationToken);
        }

        var alertRollups = scope.ServiceProvider.GetRequiredService<AlertRollups>();
        if (options.RebuildInsightOnStartup || (options.MigrateOnStartup && await alertRollups.NeedsRebuildAsync(cancellationToken)))
        {
            await alertRollups.RebuildAsync(cancellationToken);
        }
    }
}
