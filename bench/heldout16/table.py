import json,sys,collections
items=json.load(open(sys.argv[1])); j=dict(l.split() for l in open(sys.argv[2]) if l.strip())
c=collections.defaultdict(collections.Counter)
for i,(nb,f) in enumerate(items):
    if str(i) in j: c[f['code']][j[str(i)]]+=1
tot=collections.Counter()
print("| rule | judged | true & worth | noise | false |")
print("|---|---|---|---|---|")
for code in sorted(c):
    k=c[code]; n=sum(k.values()); tot.update(k)
    print(f"| {code} | {n} | {k['T']} ({100*k['T']//n}%) | {k['N']} | {k['F']} |")
n=sum(tot.values())
print(f"| all | {n} | {tot['T']} ({100*tot['T']/n:.0f}%) | {tot['N']} ({100*tot['N']/n:.0f}%) | {tot['F']} ({100*tot['F']/n:.0f}%) |")
