using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.UnitTests.Alerts;

public sealed class AlertTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    private static Alert Raise(params (AlertSeverity Severity, int Ack, int Resolve)[] rules) =>
        new("Northwind: rated 2/5", Guid.NewGuid(), null, null, null, 750_000m,
            rules.Select(r => (new AlertRule("rule", AlertRuleKind.OverallAtOrBelow, r.Severity, r.Ack, r.Resolve), "detail")).ToList(), Now);

    [Fact]
    public void The_most_severe_rule_sets_the_severity_and_the_strictest_rule_the_deadlines()
    {
        var alert = Raise((AlertSeverity.Medium, 8, 120), (AlertSeverity.Critical, 2, 48));

        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(Now.AddHours(2), alert.AcknowledgeBy);
        Assert.Equal(Now.AddHours(48), alert.ResolveBy);
        Assert.Equal(4 * 750_000m, alert.Priority);
    }

    [Fact]
    public void An_alert_is_overdue_when_not_acknowledged_in_time_or_not_resolved_in_time()
    {
        var alert = Raise((AlertSeverity.High, 4, 72));
        var worker = Guid.NewGuid();

        Assert.False(alert.IsOverdue(Now.AddHours(4)));
        Assert.True(alert.IsOverdue(Now.AddHours(4.01)));
        alert.Acknowledge(worker, Now.AddHours(1));
        Assert.False(alert.IsOverdue(Now.AddHours(71)));
        Assert.True(alert.IsOverdue(Now.AddHours(72.01)));
    }

    [Fact]
    public void A_closed_alert_must_be_reopened_before_anything_else_is_recorded()
    {
        var alert = Raise((AlertSeverity.High, 4, 72));
        var worker = Guid.NewGuid();
        alert.RecordRecovery("Called the client", "Happy", worker, Now);
        alert.Resolve(worker, Now);
        alert.Close(worker, Now);

        Assert.Throws<DomainException>(() => alert.RecordRecovery("More", null, worker, Now));
        alert.Reopen(worker, Now, TimeSpan.FromHours(72));
        Assert.Equal(AlertStatus.Recovering, alert.Status);
        Assert.Equal(Now.AddHours(72), alert.ResolveBy);
    }

    [Fact]
    public void Escalation_only_climbs()
    {
        var alert = Raise((AlertSeverity.High, 4, 72));

        alert.Escalate(1, Now);
        alert.Escalate(1, Now);
        alert.Escalate(0, Now);

        Assert.Equal(1, alert.EscalationLevel);
        Assert.Single(alert.Audit, e => e.Field == "Escalation");
    }
}
