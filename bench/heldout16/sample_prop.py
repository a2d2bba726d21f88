import json,random,sys,collections
src,total,seed,out=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),sys.argv[4]
rows=[json.loads(l) for l in open(src)]
by=collections.defaultdict(list)
for r in rows:
    for f in r['findings']: by[f['code']].append((r['notebook'],f))
N=sum(len(v) for v in by.values()); rnd=random.Random(seed); res=[]
for code in sorted(by):
    items=by[code]; n=min(len(items),max(3,round(total*len(items)/N)))
    res+=rnd.sample(items,n)
json.dump(res,open(out,'w')); print(len(res), {c:min(len(v),max(3,round(total*len(v)/N))) for c,v in sorted(by.items())})
