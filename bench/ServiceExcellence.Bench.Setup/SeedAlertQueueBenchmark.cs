using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Bench.Setup;

/// <summary>
/// Prepares the database of the alert queue benchmark: the demo company and N alerts (100,000 by default)
/// over the last six months, built with the domain constructor and state methods. Each alert is about one of
/// the demo clients and service lines and is routed to the client's client team and the line's operations
/// team. About 10% are open (a third each New, Acknowledged, Recovering; created over the last three weeks,
/// so some are overdue and some are not), the rest closed. Inserted in batches, one new context per batch.
/// Usage: <c>ServiceExcellence.Bench.Setup alerts &lt;new SQLite file&gt; [N = 100000]</c>.
/// </summary>
public static class SeedAlertQueueBenchmark
{
    private const int DefaultCount = 100_000;
    private const int BatchSize = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 1 or > 2 || (args.Length == 2 && (!int.TryParse(args[1], out var parsed) || parsed < 1)))
        {
            await Console.Error.WriteLineAsync("Usage: ServiceExcellence.Bench.Setup alerts <new SQLite file> [N = 100000]");
            return 2;
        }

        var databasePath = Path.GetFullPath(args[0]);
        var count = args.Length == 2 ? int.Parse(args[1]) : DefaultCount;
        if (File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"{databasePath} exists; the benchmark starts from a new database.");
            return 2;
        }

        await using var app = SeedRatingBenchmark.BuildServices(databasePath);
        await app.Services.InitialiseDatabaseAsync();

        var started = TimeProvider.System.GetTimestamp();
        List<(Guid Id, string Name, Guid TeamId)> clients;
        List<(Guid Id, string Name, Guid TeamId)> lines;
        List<AlertRule> rules;
        List<Guid> staff;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            clients = (await db.Clients.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.ClientTeamId }).ToListAsync())
                .Select(c => (c.Id, c.Name, c.ClientTeamId)).ToList();
            lines = (await db.ServiceLines.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.OwnerTeamId }).ToListAsync())
                .Select(s => (s.Id, s.Name, s.OwnerTeamId)).ToList();
            rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync();
            staff = await db.People.AsNoTracking().OrderBy(p => p.Email).Select(p => p.Id).ToListAsync();
        }

        if (clients.Count == 0 || lines.Count == 0 || rules.Count == 0 || staff.Count == 0)
        {
            throw new InvalidOperationException("The demo company has no clients, service lines, alert rules or people.");
        }

        // Deterministic: the same N gives the same data (apart from ids and the current time).
        var random = new Random(20_261_129);
        var now = TimeProvider.System.GetUtcNow();
        for (var first = 0; first < count; first += BatchSize)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(first + BatchSize, count); i++)
            {
                db.Alerts.Add(NewAlert(i, random, now, clients, lines, rules, staff));
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine($"Seeded {count} alerts in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s into {databasePath}");
        return 0;
    }

    private static Alert NewAlert(int i, Random random, DateTimeOffset now,
        List<(Guid Id, string Name, Guid TeamId)> clients, List<(Guid Id, string Name, Guid TeamId)> lines,
        List<AlertRule> rules, List<Guid> staff)
    {
        var client = clients[random.Next(clients.Count)];
        var line = lines[random.Next(lines.Count)];
        var rule = rules[random.Next(rules.Count)];
        var actor = staff[random.Next(staff.Count)];

        // One in ten open, created over the last three weeks (deadlines are 2 hours to 14 days, so some are
        // overdue); the rest closed, created over the last six months.
        var isOpen = i % 10 == 0;
        var created = isOpen
            ? now.AddMinutes(-random.Next(10, 21 * 24 * 60))
            : now.AddMinutes(-random.Next(21 * 24 * 60, 182 * 24 * 60));
        var revenue = Math.Round((decimal)(random.NextDouble() * 50_000), 2);
        var alert = new Alert($"{rule.Name}: {client.Name}, {line.Name}", client.Id, line.Id, null, null, revenue,
            [(rule, $"bench alert {i}")], created);
        alert.RouteTo(client.TeamId, "client team");
        alert.RouteTo(line.TeamId, "service line");

        switch (isOpen ? i / 10 % 3 : 3)
        {
            case 0:
                break; // New
            case 1:
                alert.Acknowledge(actor, Later(created, now, 1));
                break;
            case 2:
                alert.Acknowledge(actor, Later(created, now, 1));
                alert.RecordRecovery("Called the client and agreed a fix.", null, actor, Later(created, now, 3));
                break;
            default:
                alert.Acknowledge(actor, created.AddHours(1));
                alert.RecordRecovery("Called the client and agreed a fix.", "Satisfied", actor, created.AddHours(6));
                alert.Resolve(actor, created.AddDays(2));
                alert.Close(actor, created.AddDays(3));
                break;
        }

        return alert;
    }

    private static DateTimeOffset Later(DateTimeOffset created, DateTimeOffset now, int hours) =>
        created.AddHours(hours) < now ? created.AddHours(hours) : now;
}
