# carries judgments of a sample over to a later run: a judged finding still reported
# (same notebook, code, cell, line) keeps its judgment; findings no longer reported drop out.
import json,sys,collections,statistics
sample=json.load(open(sys.argv[1])); j=dict(l.split() for l in open(sys.argv[2]))
rows=[json.loads(l) for l in open(sys.argv[3])]
now=set((r['notebook'],f['code'],f['cell'],f['line']) for r in rows for f in r['findings'])
vol=collections.Counter(f['code'] for r in rows for f in r['findings'])
c=collections.defaultdict(collections.Counter)
for i,(nb,f) in enumerate(sample):
    if (nb,f['code'],f['cell'],f['line']) in now: c[f['code']][j[str(i)]]+=1
tot=collections.Counter(); wt=collections.Counter()
print("| rule | findings | judged | true & worth | noise | false |\n|---|---|---|---|---|---|")
for code in sorted(vol):
    k=c[code]; n=sum(k.values()); tot.update(k)
    if n:
        for x in 'TNF': wt[x]+=vol[code]*k[x]/n
    print(f"| {code} | {vol[code]} | {n} | {k['T']} | {k['N']} | {k['F']} |")
n=sum(tot.values()); W=sum(wt.values())
print(f"| all | {sum(vol.values())} | {n} | {tot['T']} ({100*tot['T']/n:.0f}%) | {tot['N']} ({100*tot['N']/n:.0f}%) | {tot['F']} ({100*tot['F']/n:.0f}%) |")
print(f"volume-weighted: T {100*wt['T']/W:.0f}% N {100*wt['N']/W:.0f}% F {100*wt['F']/W:.0f}% (over {W:.0f} findings of judged rules)")
per=[len(r['findings']) for r in rows]; print("median per notebook", statistics.median(per), "total", sum(per))
