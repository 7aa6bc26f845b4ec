using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Insight;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

// The rollups' keys start with the day, so a company-wide range is one range scan of the key; a client's or a
// service line's dashboard reads its own index. No foreign keys: rollups are derived data, rebuilt at will.
internal sealed class InsightDayConfiguration : IEntityTypeConfiguration<InsightDay>
{
    public void Configure(EntityTypeBuilder<InsightDay> builder)
    {
        builder.HasKey(d => new { d.Day, d.ClientId, d.ServiceLineId, d.TeamId });
        builder.HasIndex(d => new { d.ClientId, d.Day });
        builder.HasIndex(d => new { d.ServiceLineId, d.Day });
        builder.HasIndex(d => new { d.TeamId, d.Day });
    }
}

internal sealed class InsightPoorHourConfiguration : IEntityTypeConfiguration<InsightPoorHour>
{
    public void Configure(EntityTypeBuilder<InsightPoorHour> builder)
    {
        builder.HasKey(h => new { h.Day, h.Hour, h.ClientId, h.ServiceLineId, h.TeamId });
        builder.HasIndex(h => new { h.ClientId, h.Day });
        builder.HasIndex(h => new { h.ServiceLineId, h.Day });
    }
}

internal sealed class InsightFailureConfiguration : IEntityTypeConfiguration<InsightFailure>
{
    public void Configure(EntityTypeBuilder<InsightFailure> builder)
    {
        builder.HasKey(f => new { f.Day, f.ClientId, f.ServiceLineId, f.TeamId, f.FailureCategoryId });
        builder.HasIndex(f => new { f.ClientId, f.Day });
        builder.HasIndex(f => new { f.ServiceLineId, f.Day });
    }
}
