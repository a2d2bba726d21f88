import json,sys,collections
items=json.load(open(sys.argv[1])); j=dict(l.split() for l in open(sys.argv[2]) if l.strip())
rows=[json.loads(l) for l in open(sys.argv[3])]
vol=collections.Counter(f['code'] for r in rows for f in r['findings'])
allowed=set(sys.argv[4].split(',')) if len(sys.argv)>4 else None
c=collections.defaultdict(collections.Counter)
for i,(nb,f) in enumerate(items):
    if str(i) in j: c[f['code']][j[str(i)]]+=1
tot=collections.Counter()
for code,k in c.items():
    if allowed and code not in allowed: continue
    n=sum(k.values())
    for x in 'TNF': tot[x]+=vol[code]*k[x]/n
V=sum(tot.values())
print(f"volume-weighted over {V:.0f} findings: T {100*tot['T']/V:.0f}%  N {100*tot['N']/V:.0f}%  F {100*tot['F']/V:.0f}%")
