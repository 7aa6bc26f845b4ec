using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class ServiceLineConfiguration : IEntityTypeConfiguration<ServiceLine>
{
    public void Configure(EntityTypeBuilder<ServiceLine> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(Limits.Code);
        builder.Property(s => s.Name).HasMaxLength(Limits.Name);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
