using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Seeding;

/// <summary>
/// Six months of survey history for the demo company: invitations as the policy would have made them
/// (throttled contacts suppressed), about half answered, with scores that differ by service line and
/// some poor ratings with categories and comments. No emails are queued for this history.
/// </summary>
internal static class DemoSurveys
{
    private static readonly Dictionary<string, double> QualityByLine = new()
    {
        ["ORDER"] = 4.3,
        ["SUPPORT"] = 4.0,
        ["REPAIR"] = 3.5,
        ["INSTALL"] = 4.1,
        ["BILLING"] = 3.3,
        ["DELIVERY"] = 3.9,
    };

    private static readonly (string Name, string Description, bool Critical)[] Categories =
    [
        ("Late or missed appointment", "We arrived late or not at all.", false),
        ("Problem not fixed", "The issue was still there afterwards.", false),
        ("Billing error", "The invoice was wrong.", false),
        ("Had to chase us", "You had to call or write more than once.", false),
        ("Poor communication", "We did not keep you informed.", false),
        ("Wrong or damaged item", "What arrived was wrong or broken.", false),
        ("Unfriendly or rude staff", "Someone was impolite or dismissive.", true),
        ("Safety concern", "Something was unsafe.", true),
    ];

    private static readonly string[] PoorComments =
    [
        "The engineer arrived two hours late and did not call ahead.",
        "Second visit for the same fault and it still is not working.",
        "We were invoiced twice for the same order.",
        "Nobody told us the delivery had been moved.",
        "I had to call three times before anyone picked this up.",
        "The person on the phone was dismissive and cut me off.",
        "Parts were missing from the delivery again.",
        "Das Problem besteht weiterhin, niemand hat sich gemeldet.",
    ];

    private static readonly string[] GoodComments =
    [
        "Quick and friendly, thank you.",
        "Fixed first time, great job.",
        "Very clear communication throughout.",
        "Exactly what we needed, on time.",
    ];

    public static List<FailureCategory> SeedFailureCategories(AppDbContext db)
    {
        var categories = Categories.Select((c, i) => new FailureCategory(c.Name, c.Description, c.Critical, (i + 1) * 10)).ToList();
        db.FailureCategories.AddRange(categories);
        return categories;
    }

    public static List<Rating> SeedSurveys(AppDbContext db, Random random, DateTimeOffset now, List<Transaction> transactions, List<Client> clients, List<ServiceLine> lines, List<FailureCategory> categories)
    {
        var contacts = clients.SelectMany(c => c.Contacts).ToDictionary(c => c.Id);
        var lineCodes = lines.ToDictionary(l => l.Id, l => l.Code);
        var clientMood = clients.ToDictionary(c => c.Id, _ => (random.NextDouble() - 0.5) * 0.8);
        var lastSurveyed = new Dictionary<Guid, DateTimeOffset>();
        var ratings = new List<Rating>();
        foreach (var transaction in transactions.OrderBy(t => t.OccurredAt))
        {
            var contact = contacts[transaction.ContactId];
            var createdAt = transaction.OccurredAt.AddMinutes(5);
            SuppressionReason? reason = contact.Email is null ? SuppressionReason.NoEmail
                : lastSurveyed.TryGetValue(contact.Id, out var last) && createdAt - last < TimeSpan.FromDays(14) ? SuppressionReason.Throttled
                : null;
            if (reason is { } suppressed)
            {
                db.SurveyInvitations.Add(SurveyInvitation.Suppress(transaction.Id, contact.Id, contact.Language, createdAt, suppressed));
                continue;
            }

            lastSurveyed[contact.Id] = createdAt;
            contact.MarkSurveyed(createdAt);
            var invitation = SurveyInvitation.Create(transaction.Id, contact.Id, contact.Language, createdAt, TimeSpan.FromDays(30));
            invitation.MarkSent(createdAt.AddMinutes(1));
            db.SurveyInvitations.Add(invitation);

            var answeredAt = createdAt.AddHours(random.Next(1, 72));
            if (answeredAt > now || random.NextDouble() > 0.55)
            {
                if (invitation.ExpiresAt <= now)
                {
                    invitation.Expire();
                }

                continue;
            }

            var quality = QualityByLine[lineCodes[transaction.ServiceLineId]] + clientMood[transaction.ClientId];
            var overall = Clamp((int)Math.Round(quality + Gaussian(random) * 0.9), 1, 5);
            var rating = new Rating(invitation.Id, transaction.Id, transaction.ClientId, contact.Id, transaction.ServiceLineId, transaction.PerformedByTeamId, answeredAt);
            rating.Answer(new RatingAnswer(
                overall,
                Dimension(random, overall, 0.8),
                Dimension(random, overall, 0.7),
                Dimension(random, overall, 0.5),
                Dimension(random, overall, 0.5),
                Dimension(random, overall, 0.6),
                random.NextDouble() < 0.6 ? Clamp((int)Math.Round(overall * 2 + Gaussian(random)), 0, 10) : null,
                overall <= 3 ? PickCategories(random, categories, overall) : [],
                overall <= 2 ? PoorComments[random.Next(PoorComments.Length)]
                    : overall >= 4 && random.NextDouble() < 0.2 ? GoodComments[random.Next(GoodComments.Length)] : null,
                contact.Language));
            db.Ratings.Add(rating);
            invitation.MarkResponded(answeredAt);
            ratings.Add(rating);
        }

        return ratings;
    }

    /// <summary>A dimension score near the overall score; how closely it follows is the dimension's weight.</summary>
    private static int? Dimension(Random random, int overall, double weight) =>
        random.NextDouble() < 0.3 ? null : Clamp((int)Math.Round(overall * weight + 3.8 * (1 - weight) + Gaussian(random) * 0.6), 1, 5);

    private static List<Guid> PickCategories(Random random, List<FailureCategory> categories, int overall)
    {
        var count = overall == 1 ? 2 : 1;
        return categories.OrderBy(c => c.IsCritical ? random.Next(40) : random.Next(10)).Take(count).Select(c => c.Id).ToList();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Clamp(int value, int min, int max) => Math.Min(Math.Max(value, min), max);
}
